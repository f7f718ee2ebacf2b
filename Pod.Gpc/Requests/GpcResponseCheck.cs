using System.Diagnostics.CodeAnalysis;
using Pod.Cryptography.Fields;

namespace Pod.Gpc.Requests;

/// <summary>
/// The outcome of checking a response against a request (<see cref="GpcRequestVerifier.CheckAsync(string, CancellationToken)"/>):
/// accepted, with the verified claims and the nullifier registered for the first time, or refused with a
/// <see cref="GpcResponseFailure"/> and a description naming what was wrong.
/// </summary>
public sealed class GpcResponseCheck
{
    private GpcResponseCheck(GpcResponseFailure failure, string? description, GpcRevealedClaims? claims, string? circuitIdentifier, Fr? scope, Fr? nullifierHash)
    {
        Failure = failure;
        Description = description;
        Claims = claims;
        CircuitIdentifier = circuitIdentifier;
        Scope = scope;
        NullifierHash = nullifierHash;
    }

    /// <summary>True when the response proves what was requested and (with an external nullifier) its nullifier was registered now.</summary>
    [MemberNotNullWhen(true, nameof(Claims), nameof(CircuitIdentifier))]
    [MemberNotNullWhen(false, nameof(Description))]
    public bool IsValid => Failure == GpcResponseFailure.None;

    /// <summary>Why the response was refused; <see cref="GpcResponseFailure.None"/> when accepted.</summary>
    public GpcResponseFailure Failure { get; }

    /// <summary>The reason for a refusal, naming the field and value at fault (never a secret); null when accepted.</summary>
    public string? Description { get; }

    /// <summary>The verified claims of an accepted response.</summary>
    public GpcRevealedClaims? Claims { get; }

    /// <summary>The circuit of an accepted response.</summary>
    public string? CircuitIdentifier { get; }

    /// <summary>The registry scope (the external nullifier's circuit signal) of an accepted response that has one.</summary>
    public Fr? Scope { get; }

    /// <summary>The owner's nullifier hash an accepted response registered; null when the request has no external nullifier.</summary>
    public Fr? NullifierHash { get; }

    internal static GpcResponseCheck Accepted(GpcRevealedClaims claims, string circuitIdentifier, Fr? scope, Fr? nullifierHash) =>
        new(GpcResponseFailure.None, null, claims, circuitIdentifier, scope, nullifierHash);

    internal static GpcResponseCheck Refused(GpcResponseFailure failure, string description) =>
        new(failure, description, null, null, null, null);

    /// <summary>"accepted", or the failure code and description.</summary>
    public override string ToString() => IsValid ? "accepted" : $"{Failure.Code()}: {Description}";
}
