using System.Diagnostics.CodeAnalysis;
using Pod.Cryptography.Fields;

namespace Pod.Gpc;

/// <summary>
/// The outcome of <see cref="GpcVerifier.Verify(Groth16Proof, GpcBoundConfig, GpcRevealedClaims, IGpcVerificationKeyProvider)"/>:
/// valid, with the claims the proof establishes, or not, with a <see cref="GpcVerificationFailure"/> and a description.
/// </summary>
public sealed class GpcVerificationResult
{
    private GpcVerificationResult(GpcVerificationFailure failure, string? description, GpcRevealedClaims? claims, Fr? externalNullifier, Fr? nullifierHash)
    {
        Failure = failure;
        Description = description;
        Claims = claims;
        ExternalNullifier = externalNullifier;
        NullifierHash = nullifierHash;
    }

    /// <summary>True when the proof is valid for the bound config and the claims.</summary>
    [MemberNotNullWhen(true, nameof(Claims))]
    [MemberNotNullWhen(false, nameof(Description))]
    public bool IsValid => Failure == GpcVerificationFailure.None;

    /// <summary>Why the proof is not valid; <see cref="GpcVerificationFailure.None"/> when it is.</summary>
    public GpcVerificationFailure Failure { get; }

    /// <summary>The reason the proof is not valid, naming the field and value at fault; null when it is valid.</summary>
    public string? Description { get; }

    /// <summary>The verified claims; null when the proof is not valid.</summary>
    public GpcRevealedClaims? Claims { get; }

    /// <summary>
    /// The external nullifier signal (the scope to hand a nullifier registry) of a valid proof that
    /// reveals an owner nullifier; null otherwise.
    /// </summary>
    public Fr? ExternalNullifier { get; }

    /// <summary>The owner's nullifier hash a valid proof reveals (V4, else V3); null when it reveals none.</summary>
    public Fr? NullifierHash { get; }

    /// <summary>"valid", or the failure and its description.</summary>
    public override string ToString() => IsValid ? "valid" : $"{Failure}: {Description}";

    internal static GpcVerificationResult Valid(GpcRevealedClaims claims, Fr? externalNullifier) =>
        new(GpcVerificationFailure.None, null, claims, claims.Owner?.NullifierHashV4 is null && claims.Owner?.NullifierHashV3 is null ? null : externalNullifier,
            claims.Owner?.NullifierHashV4 ?? claims.Owner?.NullifierHashV3);

    internal static GpcVerificationResult Invalid(GpcVerificationFailure failure, string description) => new(failure, description, null, null, null);
}
