namespace Pod.Gpc.Requests;

/// <summary>What an <see cref="IGpcChallengeStore"/> knows of a challenge.</summary>
public enum GpcChallengeState
{
    /// <summary>Never issued, or forgotten since it expired.</summary>
    Unknown = 0,

    /// <summary>Issued, unexpired and not yet used.</summary>
    Fresh,

    /// <summary>Issued, but past its expiry.</summary>
    Expired,

    /// <summary>Issued and already used by a response.</summary>
    Used,
}
