using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Curves;

/// <summary>
/// A precomputed point of a fixed-base table, as the mixed addition takes it: y - u, y + u and k*u*y on
/// the a = -1 curve (see <see cref="Curve"/>).
/// </summary>
internal readonly struct AffineEntry
{
    public readonly Fr YMinusU, YPlusU, KUY;

    public AffineEntry(in Fr yMinusU, in Fr yPlusU, in Fr kuy)
    {
        YMinusU = yMinusU;
        YPlusU = yPlusU;
        KUY = kuy;
    }

    /// <summary>The entry of the point with affine coordinates (u, y) on the a = -1 curve.</summary>
    public static AffineEntry From(in Fr u, in Fr y) => new(y - u, y + u, Curve.K * u * y);
}
