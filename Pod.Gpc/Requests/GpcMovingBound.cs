using System.Numerics;

namespace Pod.Gpc.Requests;

/// <summary>
/// One end of an entry's <c>inRange</c> that moves with time: "age at least 18" is a birth date at most now minus 18
/// years, "not expired" an expiry at least now. The request a verifier issues carries the bound at the time of issue;
/// a response is accepted when its bound lies within <see cref="Tolerance"/> of the bound at the time of the check.
/// </summary>
/// <remarks>
/// The tolerance covers the time between issuing the request and checking the answer, and a holder's clock that is a little
/// off; a proven bound outside it (too old a request, or a stricter or looser statement) is refused with
/// <see cref="GpcResponseFailure.BoundOutOfTolerance"/>. Exact pinning, as for every other part of the config, would refuse
/// any proof made a millisecond before it is checked.
/// </remarks>
public sealed class GpcMovingBound
{
    /// <summary>Creates a moving bound.</summary>
    /// <param name="entry">The entry identifier, <c>podName.entryName</c>, whose config has an <c>inRange</c>.</param>
    /// <param name="side">Which end of the interval moves.</param>
    /// <param name="valueAt">The bound at a time, in the entry's units.</param>
    /// <param name="tolerance">How far (in the entry's units, at least 0) a proven bound may lie from the current one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> or <paramref name="valueAt"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="side"/> is not defined or <paramref name="tolerance"/> is negative.</exception>
    public GpcMovingBound(string entry, GpcBoundSide side, Func<DateTimeOffset, BigInteger> valueAt, BigInteger tolerance)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(valueAt);
        if (!Enum.IsDefined(side))
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, "The side must be Min or Max.");
        }

        if (tolerance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must not be negative.");
        }

        Entry = entry;
        Side = side;
        ValueAt = valueAt;
        Tolerance = tolerance;
    }

    /// <summary>The entry identifier, <c>podName.entryName</c>.</summary>
    public string Entry { get; }

    /// <summary>Which end of the interval moves.</summary>
    public GpcBoundSide Side { get; }

    /// <summary>The bound at a time, in the entry's units.</summary>
    public Func<DateTimeOffset, BigInteger> ValueAt { get; }

    /// <summary>How far a proven bound may lie from the bound at the time of the check.</summary>
    public BigInteger Tolerance { get; }

    /// <summary>
    /// "At least <paramref name="years"/> old": the birth date entry (a POD <c>date</c> or an <c>int</c> of milliseconds
    /// since 1970, as JavaScript's <c>Date.getTime</c>) at most now minus that many calendar years.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="birthDateEntry"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="years"/> or <paramref name="tolerance"/> is negative.</exception>
    public static GpcMovingBound AgeAtLeast(string birthDateEntry, int years, TimeSpan tolerance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);
        return new GpcMovingBound(birthDateEntry, GpcBoundSide.Max, now => now.AddYears(-years).ToUnixTimeMilliseconds(), (long)tolerance.TotalMilliseconds);
    }

    /// <summary>
    /// "Not expired": the expiry entry (milliseconds since 1970, as a POD <c>date</c> or <c>int</c>) at least now.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="expiryEntry"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative.</exception>
    public static GpcMovingBound NotExpired(string expiryEntry, TimeSpan tolerance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);
        return new GpcMovingBound(expiryEntry, GpcBoundSide.Min, now => now.ToUnixTimeMilliseconds(), (long)tolerance.TotalMilliseconds);
    }
}
