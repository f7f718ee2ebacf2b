using System.Diagnostics.CodeAnalysis;

namespace Pod.Issuers.Tls;

/// <summary>
/// The outcome of <see cref="IAttestationVerifier.VerifyAsync"/>: the <see cref="AttestationResult"/> the evidence establishes,
/// or the <see cref="TlsIssuanceError"/> code and a detail safe to return (paths and rules, no values). Evidence that does
/// not verify is a refusal, never an exception (docs/errors.md).
/// </summary>
public sealed class AttestationVerification
{
    private AttestationVerification(AttestationResult? result, TlsIssuanceError? error, string? detail)
    {
        Result = result;
        Error = error;
        Detail = detail;
    }

    /// <summary>True when the evidence verified.</summary>
    [MemberNotNullWhen(true, nameof(Result))]
    [MemberNotNullWhen(false, nameof(Error), nameof(Detail))]
    public bool Succeeded => Result is not null;

    /// <summary>What the evidence establishes.</summary>
    public AttestationResult? Result { get; }

    /// <summary>Why the evidence was refused.</summary>
    public TlsIssuanceError? Error { get; }

    /// <summary>A detail safe to return to the client: paths and rules, no values.</summary>
    public string? Detail { get; }

    /// <summary>Evidence that verified.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static AttestationVerification Verified(AttestationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result, null, null);
    }

    /// <summary>Evidence that was refused.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="detail"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="error"/> is not a defined code.</exception>
    public static AttestationVerification Refused(TlsIssuanceError error, string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (!Enum.IsDefined(error))
        {
            throw new ArgumentOutOfRangeException(nameof(error), error, "Not a TLS issuance error code.");
        }

        return new(null, error, detail);
    }

    /// <summary>The outcome without any evidence value.</summary>
    public override string ToString() => Succeeded ? $"Verified {Result.Kind} evidence" : $"Refused: {Error} ({Detail})";
}
