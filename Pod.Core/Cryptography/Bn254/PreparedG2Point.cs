namespace Pod.Cryptography.Bn254;

/// <summary>
/// A G2 point with its Miller-loop lines computed once (<see cref="Pairing.Prepare"/>), as gnark-crypto's
/// precomputed lines and arkworks' <c>G2Prepared</c>: a verification key's gamma and delta, paired with
/// every proof, cost only the lines' evaluation at P. Immutable once prepared; about 11 KB. The lines live
/// on the pinned object heap, so the native Miller loop reads them where they are (pod_prepared_line, one
/// pointer per prepared point) with no copy and no pinning per call.
/// </summary>
internal sealed class PreparedG2Point
{
    /// <summary>The point with room for its lines, which <see cref="Pairing.Prepare"/> fills.</summary>
    internal PreparedG2Point(in CurvePoint<Fq2> point, int lineCount)
    {
        Point = point;
        Lines = GC.AllocateUninitializedArray<PreparedLine>(lineCount, pinned: true);
    }

    /// <summary>The point the lines belong to.</summary>
    public CurvePoint<Fq2> Point { get; }

    /// <summary>True for the point at infinity, whose pairings are one (it has no lines).</summary>
    public bool IsInfinity => Point.IsInfinity;

    /// <summary>One per line of the loop, in the loop's order; pinned (never moved by the GC).</summary>
    internal PreparedLine[] Lines { get; }
}

/// <summary>An affine Miller-loop line through T: its slope and mu = lambda xT - yT.</summary>
internal readonly record struct PreparedLine(Fq2 Lambda, Fq2 Mu);
