namespace Pod.Issuers.Tls.Providers;

/// <summary>How a date claim is written in the provider's response; parsed once, when the spec loads.</summary>
internal enum ClaimDateFormat
{
    /// <summary><c>yyyy-MM-dd</c> (the default), read as midnight UTC.</summary>
    IsoDate,

    /// <summary><c>iso8601</c>: <c>yyyy-MM-ddTHH:mm:ss[.fffffff]</c> with an offset or Z.</summary>
    Iso8601,

    /// <summary><c>unix-seconds</c>: an integer.</summary>
    UnixSeconds,

    /// <summary><c>unix-milliseconds</c>: an integer.</summary>
    UnixMilliseconds,
}
