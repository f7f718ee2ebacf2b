namespace Pod.Cryptography.Bn254;

/// <summary>
/// A G2 point with its Miller-loop lines computed once (<see cref="Pairing.Prepare"/>), as gnark-crypto's
/// precomputed lines and arkworks' <c>G2Prepared</c>: a verification key's gamma and delta, paired with
/// every proof, cost only the lines' evaluation at P. Immutable; about 11 KB.
/// </summary>
internal sealed class PreparedG2Point
{
    internal PreparedG2Point(in CurvePoint<Fq2> point, PreparedLine[] lines)
    {
        Point = point;
        Lines = lines;
    }

    /// <summary>The point the lines belong to.</summary>
    public CurvePoint<Fq2> Point { get; }

    /// <summary>True for the point at infinity, whose pairings are one (it has no lines).</summary>
    public bool IsInfinity => Point.IsInfinity;

    /// <summary>One per line of the loop, in the loop's order.</summary>
    internal PreparedLine[] Lines { get; }
}

/// <summary>An affine Miller-loop line through T: its slope and mu = lambda xT - yT.</summary>
internal readonly record struct PreparedLine(Fq2 Lambda, Fq2 Mu);
