using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Curves;

/// <summary>An affine point with its product x*y, as stored in precomputed tables.</summary>
internal readonly struct AffineEntry
{
    public readonly Fr X, Y, T;

    public AffineEntry(in Fr x, in Fr y, in Fr t)
    {
        X = x;
        Y = y;
        T = t;
    }
}
