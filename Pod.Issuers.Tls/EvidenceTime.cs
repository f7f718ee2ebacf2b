namespace Pod.Issuers.Tls;

/// <summary>Converts evidence timestamps without throwing on out-of-range values.</summary>
internal static class EvidenceTime
{
    public static DateTimeOffset FromUnixSeconds(long seconds) =>
        seconds is < 0 or > 253402300799
            ? throw TlsIssuanceErrors.Malformed("The key validity is not a Unix time between 1970 and 9999.")
            : DateTimeOffset.FromUnixTimeSeconds(seconds);
}
