namespace Pod.Gpc.Requests;

/// <summary>The stable codes and meanings of <see cref="GpcResponseFailure"/>.</summary>
public static class GpcResponseFailures
{
    /// <summary>The snake_case code of a failure (<c>nullifier_used</c>), stable for clients to branch on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined failure.</exception>
    public static string Code(this GpcResponseFailure failure) => failure switch
    {
        GpcResponseFailure.None => "none",
        GpcResponseFailure.MalformedJson => "malformed_json",
        GpcResponseFailure.MalformedRequest => "malformed_request",
        GpcResponseFailure.MalformedProof => "malformed_proof",
        GpcResponseFailure.MalformedBoundConfig => "malformed_bound_config",
        GpcResponseFailure.MalformedRevealedClaims => "malformed_revealed_claims",
        GpcResponseFailure.UnexpectedCircuit => "unexpected_circuit",
        GpcResponseFailure.UnexpectedConfig => "unexpected_config",
        GpcResponseFailure.BoundOutOfTolerance => "bound_out_of_tolerance",
        GpcResponseFailure.MembershipListsMismatch => "membership_lists_mismatch",
        GpcResponseFailure.SignerNotRevealed => "signer_not_revealed",
        GpcResponseFailure.UntrustedSigner => "untrusted_signer",
        GpcResponseFailure.EntryMismatch => "entry_mismatch",
        GpcResponseFailure.NullifierRequired => "nullifier_required",
        GpcResponseFailure.WrongScope => "wrong_scope",
        GpcResponseFailure.WatermarkMismatch => "watermark_mismatch",
        GpcResponseFailure.WatermarkUnknown => "watermark_unknown",
        GpcResponseFailure.WatermarkExpired => "watermark_expired",
        GpcResponseFailure.WatermarkUsed => "watermark_used",
        GpcResponseFailure.NullifierUsed => "nullifier_used",
        GpcResponseFailure.ProofInvalid => "proof_invalid",
        GpcResponseFailure.ArtifactsUnavailable => "artifacts_unavailable",
        GpcResponseFailure.RegistryUnavailable => "registry_unavailable",
        GpcResponseFailure.ChallengeStoreUnavailable => "challenge_store_unavailable",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "Not a defined GpcResponseFailure."),
    };

    /// <summary>What a failure means, in one sentence (the result's own description adds the particulars).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined failure.</exception>
    public static string Describe(this GpcResponseFailure failure) => failure switch
    {
        GpcResponseFailure.None => "No failure.",
        GpcResponseFailure.MalformedJson => "The body is not well-formed JSON.",
        GpcResponseFailure.MalformedRequest => "The body is neither {proof, boundConfig, revealedClaims} nor a serialized GPCPCD.",
        GpcResponseFailure.MalformedProof => "The proof is not a BN254 Groth16 proof in snarkjs's JSON.",
        GpcResponseFailure.MalformedBoundConfig => "The bound config does not parse or breaks a rule of @pcd/gpc.",
        GpcResponseFailure.MalformedRevealedClaims => "The revealed claims do not parse or break a rule of @pcd/gpc.",
        GpcResponseFailure.UnexpectedCircuit => "The proof is for a circuit the request does not allow.",
        GpcResponseFailure.UnexpectedConfig => "The bound config proves another statement than the one requested.",
        GpcResponseFailure.BoundOutOfTolerance => "A bound relative to now is further from its current value than the tolerance.",
        GpcResponseFailure.MembershipListsMismatch => "The membership lists are not the verifier's lists.",
        GpcResponseFailure.SignerNotRevealed => "A POD neither reveals its signer nor proves it a member of the trusted-signer list.",
        GpcResponseFailure.UntrustedSigner => "A POD's signer is not a trusted signer.",
        GpcResponseFailure.EntryMismatch => "A required revealed entry is missing or has another value.",
        GpcResponseFailure.NullifierRequired => "The proof must reveal its owner's nullifier hash for the request's external nullifier.",
        GpcResponseFailure.WrongScope => "The proof's external nullifier is not the request's.",
        GpcResponseFailure.WatermarkMismatch => "The proof's watermark is missing or not the one requested.",
        GpcResponseFailure.WatermarkUnknown => "The proof's watermark is not a challenge this verifier issued.",
        GpcResponseFailure.WatermarkExpired => "The proof's watermark is a challenge that has expired.",
        GpcResponseFailure.WatermarkUsed => "The proof's watermark is a challenge already answered.",
        GpcResponseFailure.NullifierUsed => "This identity has already used a proof in this scope.",
        GpcResponseFailure.ProofInvalid => "The proof is not valid for its bound config and claims.",
        GpcResponseFailure.ArtifactsUnavailable => "The server's circuit verification keys are missing or do not match their pinned hash.",
        GpcResponseFailure.RegistryUnavailable => "The nullifier registry is unavailable; nothing was recorded.",
        GpcResponseFailure.ChallengeStoreUnavailable => "The challenge store is unavailable.",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "Not a defined GpcResponseFailure."),
    };
}
