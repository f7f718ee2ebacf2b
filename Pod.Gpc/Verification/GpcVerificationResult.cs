using Pod.Cryptography.Fields;

namespace Pod.Gpc;

/// <summary>
/// The outcome of <see cref="GpcVerifier.Verify"/>: valid, with the claims the proof
/// establishes, or not, with the reason.
/// </summary>
public sealed class GpcVerificationResult
{
    private GpcVerificationResult(bool isValid, GpcRevealedClaims? claims, string? failure, Fr? externalNullifier, Fr? nullifierHash)
    {
        IsValid = isValid;
        Claims = claims;
        Failure = failure;
        ExternalNullifier = externalNullifier;
        NullifierHash = nullifierHash;
    }

    /// <summary>True when the proof is valid for the bound config and the claims.</summary>
    public bool IsValid { get; }

    /// <summary>The verified claims; null when the proof is not valid.</summary>
    public GpcRevealedClaims? Claims { get; }

    /// <summary>Why the proof is not valid; null when it is.</summary>
    public string? Failure { get; }

    /// <summary>
    /// The external nullifier signal (the scope to hand a nullifier registry) of a valid proof that
    /// reveals an owner nullifier; null otherwise.
    /// </summary>
    public Fr? ExternalNullifier { get; }

    /// <summary>The owner's nullifier hash a valid proof reveals (V4, else V3); null when it reveals none.</summary>
    public Fr? NullifierHash { get; }

    internal static GpcVerificationResult Valid(GpcRevealedClaims claims, Fr? externalNullifier) =>
        new(true, claims, null, claims.Owner?.NullifierHashV4 is null && claims.Owner?.NullifierHashV3 is null ? null : externalNullifier,
            claims.Owner?.NullifierHashV4 ?? claims.Owner?.NullifierHashV3);

    internal static GpcVerificationResult Invalid(string failure) => new(false, null, failure, null, null);
}
