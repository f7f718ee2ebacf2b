namespace Pod.Gpc;

/// <summary>
/// The canonical form of a proof config (gpcUtil's canonicalizeConfig): PODs, entries and tuples sorted by
/// name (ordinal, as JavaScript sorts), defaults left out (a virtual entry config equal to its default,
/// <c>uniquePODs</c> unless true), and range constraints reduced to the fewest intervals. Two configs that
/// prove the same thing canonicalize to the same JSON.
/// </summary>
internal static class GpcCanonicalizer
{
    /// <summary>The canonical bound config; the config must have passed the checks.</summary>
    public static GpcBoundConfig Canonicalize(GpcProofConfig config, string circuitIdentifier) => new()
    {
        CircuitIdentifier = circuitIdentifier,
        Pods = config.Pods.OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => CanonicalizeObject(p.Value), StringComparer.Ordinal),
        UniquePods = config.UniquePods == true ? true : null,
        Tuples = config.Tuples?.OrderBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
    };

    /// <summary>
    /// The fewest intervals equal to "in <paramref name="inRange"/> and not in <paramref name="notInRange"/>"
    /// (canonicalizeBoundsCheckConfig): when the excluded interval covers one end of the included one, a
    /// single narrower inRange; otherwise both. Intervals must have min &lt;= max.
    /// </summary>
    public static (GpcClosedInterval? InRange, GpcClosedInterval? NotInRange) Bounds(GpcClosedInterval? inRange, GpcClosedInterval? notInRange)
    {
        if (inRange is not { } included || notInRange is not { } excluded)
        {
            return (inRange, notInRange);
        }

        if (excluded.Min > included.Min && excluded.Max >= included.Max)
        {
            // Excluded covers the top: keep [included.Min, excluded.Min - 1].
            return (included with { Max = System.Numerics.BigInteger.Min(excluded.Min - 1, included.Max) }, null);
        }

        if (excluded.Min <= included.Min && excluded.Max < included.Max)
        {
            // Excluded covers the bottom: keep [excluded.Max + 1, included.Max].
            return (included with { Min = System.Numerics.BigInteger.Max(excluded.Max + 1, included.Min) }, null);
        }

        // Excluded lies inside included (two checks), or contains it (rejected by the checks).
        return (included, excluded);
    }

    private static GpcProofObjectConfig CanonicalizeObject(GpcProofObjectConfig config) => new()
    {
        Entries = config.Entries.OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(e => e.Key, e => CanonicalizeEntry(e.Value), StringComparer.Ordinal),
        ContentId = CanonicalizeVirtual(config.ContentId, defaultIsRevealed: false),
        SignerPublicKey = CanonicalizeVirtual(config.SignerPublicKey, defaultIsRevealed: true),
    };

    private static GpcProofEntryConfig CanonicalizeEntry(GpcProofEntryConfig config)
    {
        var (inRange, notInRange) = Bounds(config.InRange, config.NotInRange);
        return new GpcProofEntryConfig
        {
            IsRevealed = config.IsRevealed,
            IsOwnerId = config.IsOwnerId,
            EqualsEntry = config.EqualsEntry,
            NotEqualsEntry = config.NotEqualsEntry,
            IsMemberOf = config.IsMemberOf,
            IsNotMemberOf = config.IsNotMemberOf,
            InRange = inRange,
            NotInRange = notInRange,
            LessThan = config.LessThan,
            LessThanEq = config.LessThanEq,
            GreaterThan = config.GreaterThan,
            GreaterThanEq = config.GreaterThanEq,
        };
    }

    private static GpcProofEntryConfigCommon? CanonicalizeVirtual(GpcProofEntryConfigCommon? config, bool defaultIsRevealed) =>
        config is null
        || (config.IsRevealed == defaultIsRevealed && config.EqualsEntry is null && config.NotEqualsEntry is null
            && config.IsMemberOf is null && config.IsNotMemberOf is null)
            ? null
            : config;
}
