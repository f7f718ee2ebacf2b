namespace Pod.Gpc.Requests;

/// <summary>
/// Why <see cref="GpcRequestVerifier"/> refused a response. Each has a stable snake_case code
/// (<see cref="GpcResponseFailures.Code"/>) and a one-line meaning (<see cref="GpcResponseFailures.Describe"/>);
/// docs/verifying.md has the table.
/// </summary>
public enum GpcResponseFailure
{
    /// <summary>No failure (the default of the enum; never the failure of a refused response).</summary>
    None = 0,

    /// <summary>The body is not well-formed JSON.</summary>
    MalformedJson,

    /// <summary>The body is JSON but neither <c>{proof, boundConfig, revealedClaims}</c> nor a serialized GPCPCD.</summary>
    MalformedRequest,

    /// <summary>The proof is not a BN254 Groth16 proof in snarkjs's JSON.</summary>
    MalformedProof,

    /// <summary>The bound config does not parse or breaks a rule of @pcd/gpc.</summary>
    MalformedBoundConfig,

    /// <summary>The revealed claims do not parse or break a rule of @pcd/gpc.</summary>
    MalformedRevealedClaims,

    /// <summary>The proof is for a circuit the request does not allow.</summary>
    UnexpectedCircuit,

    /// <summary>The bound config proves another statement than the one requested.</summary>
    UnexpectedConfig,

    /// <summary>A bound that moves with time (an age, an expiry) is further from its current value than the stated tolerance.</summary>
    BoundOutOfTolerance,

    /// <summary>The membership lists proven against are not the verifier's lists.</summary>
    MembershipListsMismatch,

    /// <summary>A POD neither reveals its signer nor proves it a member of the trusted-signer list.</summary>
    SignerNotRevealed,

    /// <summary>A POD's revealed signer is not a trusted signer.</summary>
    UntrustedSigner,

    /// <summary>A revealed entry the verifier requires is missing or has another value.</summary>
    EntryMismatch,

    /// <summary>The proof reveals no owner nullifier hash, but the request has an external nullifier.</summary>
    NullifierRequired,

    /// <summary>The proof's external nullifier is not the request's.</summary>
    WrongScope,

    /// <summary>The proof's watermark is missing or not the one the request fixes.</summary>
    WatermarkMismatch,

    /// <summary>The proof's watermark is not a challenge this verifier issued (or it has been forgotten).</summary>
    WatermarkUnknown,

    /// <summary>The proof's watermark is a challenge that expired before the response came.</summary>
    WatermarkExpired,

    /// <summary>The proof's watermark is a challenge already answered: each is good for one response.</summary>
    WatermarkUsed,

    /// <summary>The owner's nullifier hash is already registered in this scope (already claimed, already used).</summary>
    NullifierUsed,

    /// <summary>The Groth16 proof is not valid for the bound config and claims.</summary>
    ProofInvalid,

    /// <summary>The circuit's verification key is missing or differs from its pinned hash (a server fault).</summary>
    ArtifactsUnavailable,

    /// <summary>The nullifier registry failed; nothing was recorded (a server fault).</summary>
    RegistryUnavailable,

    /// <summary>The challenge store failed (a server fault).</summary>
    ChallengeStoreUnavailable,
}
