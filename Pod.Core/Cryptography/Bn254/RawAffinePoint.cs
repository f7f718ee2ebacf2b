using System.Runtime.InteropServices;

namespace Pod.Cryptography.Bn254;

/// <summary>
/// An affine point exactly as snarkjs stores it in a zkey: x then y, each coordinate in Montgomery form
/// (little-endian limbs), with (0, 0) for the point at infinity; (0, 0) is on neither y^2 = x^3 + 3 nor
/// the twist, so the encoding is unambiguous. The layout lets a zkey section be read into an array of
/// these with one copy, no per-point conversion.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct RawAffinePoint<TField>
    where TField : struct, ICurveCoordinateField<TField>
{
    public readonly TField X, Y;

    public RawAffinePoint(in TField x, in TField y)
    {
        X = x;
        Y = y;
    }

    public bool IsInfinity => X.IsZero && Y.IsZero;

    public static RawAffinePoint<TField> FromCurvePoint(in CurvePoint<TField> point) =>
        point.IsInfinity ? default : new(point.X, point.Y);

    public CurvePoint<TField> ToCurvePoint() => IsInfinity ? CurvePoint<TField>.Infinity : new(X, Y);
}
