using System.Diagnostics.CodeAnalysis;

namespace Pod.Issuers.Tls;

/// <summary>The outcome of an issuance: a signed POD, or an error code with a safe detail.</summary>
public sealed class TlsIssuanceResult
{
    private TlsIssuanceResult(SignedPod? pod, TlsIssuanceError? error, string? detail, string? sessionId)
    {
        Pod = pod;
        Error = error;
        Detail = detail;
        SessionId = sessionId;
    }

    /// <summary>True when a POD was issued.</summary>
    [MemberNotNullWhen(true, nameof(Pod))]
    [MemberNotNullWhen(false, nameof(Error), nameof(Detail))]
    public bool Succeeded => Pod is not null;

    /// <summary>The issued POD.</summary>
    public SignedPod? Pod { get; }

    /// <summary>The error code of a refused issuance.</summary>
    public TlsIssuanceError? Error { get; }

    /// <summary>A detail safe to return to the client: paths and rules, no values.</summary>
    public string? Detail { get; }

    /// <summary>The session the nonce belonged to, when it was found.</summary>
    public string? SessionId { get; }

    internal static TlsIssuanceResult Success(SignedPod pod, string sessionId) => new(pod, null, null, sessionId);

    internal static TlsIssuanceResult Failure(TlsIssuanceError error, string detail, string? sessionId) => new(null, error, detail, sessionId);

    /// <summary>The outcome without any entry value.</summary>
    public override string ToString() => Succeeded ? $"Issued POD {Pod.ContentId}" : $"Refused: {Error} ({Detail})";
}
