using System.Numerics;

namespace Pod.Gpc;

/// <summary>
/// A closed interval [<see cref="Min"/>, <see cref="Max"/>] for bounds checks (@pcd/gpc's GPCClosedInterval).
/// Both ends must lie in the POD int range [-2^63, 2^63 - 1] and Min must not exceed Max; the checks
/// report either as a <see cref="GpcConfigException"/>.
/// </summary>
/// <param name="Min">The inclusive lower bound.</param>
/// <param name="Max">The inclusive upper bound.</param>
public readonly record struct GpcClosedInterval(BigInteger Min, BigInteger Max)
{
    /// <summary>The interval as the reference prints it, <c>[min,max]</c>.</summary>
    public override string ToString() => $"[{Min},{Max}]";
}
