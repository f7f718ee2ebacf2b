using System.Text.Json.Serialization;

namespace Pod.Gpc;

/// <summary>
/// Why <see cref="GpcVerifier.Verify(Groth16Proof, GpcBoundConfig, GpcRevealedClaims, IGpcVerificationKeyProvider)"/>
/// found a proof not valid: one value per step of gpcVerify that can refuse it, in the order the steps run.
/// <see cref="GpcVerificationResult.Description"/> names the field and value at fault.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<GpcVerificationFailure>))]
public enum GpcVerificationFailure
{
    /// <summary>No failure: the proof is valid (the default of the enum; never the failure of an invalid result).</summary>
    None = 0,

    /// <summary>The bound config breaks a rule of @pcd/gpc on its own (checkBoundConfig).</summary>
    ConfigInvalid,

    /// <summary>The revealed claims break a rule of @pcd/gpc on their own (checkRevealedClaims).</summary>
    ClaimsInvalid,

    /// <summary>The claims do not reveal what the bound config reveals, or name other lists (checkVerifyClaimsForConfig).</summary>
    ClaimsMismatch,

    /// <summary>The bound config's circuit identifier names no circuit of the family.</summary>
    CircuitUnknown,

    /// <summary>The named circuit is too small for the bound config and claims (checkCircuitRequirements).</summary>
    CircuitTooSmall,

    /// <summary>
    /// The watermark or external nullifier enters the circuit as r - 1, the circuits' value for "none", so the proof
    /// cannot be told apart from one without it (a deliberate refusal, docs/compatibility.md).
    /// </summary>
    AmbiguousWatermark,

    /// <summary>The key provider has no verification key for the circuit (not loaded, missing, or differing from its pin).</summary>
    KeyUnavailable,

    /// <summary>The Groth16 proof is not valid for the public signals of the bound config and claims.</summary>
    ProofRejected,
}
