namespace Pod.Gpc.Requests;

/// <summary>What a <see cref="GpcProofRequestTemplate"/> asks of a proof's watermark.</summary>
public enum GpcWatermarkPolicy
{
    /// <summary>A fresh challenge per request (the default): single use and expiring, so a proof cannot be replayed or made in advance.</summary>
    Challenge = 0,

    /// <summary>One fixed value, <see cref="GpcProofRequestTemplate.FixedWatermark"/> (for example a session or an event).</summary>
    Fixed,

    /// <summary>The holder's choice, returned in the claims (for example the choice a ballot commits to); the request names none.</summary>
    Any,
}
