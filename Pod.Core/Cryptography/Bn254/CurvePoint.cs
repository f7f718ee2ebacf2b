
namespace Pod.Cryptography.Bn254;

/// <summary>
/// A point of a short Weierstrass curve y^2 = x^3 + b (a = 0) over a field: BN254's G1 over Fq and the
/// sextic twist G2 over Fq2 share this code. Affine, with an explicit point at infinity.
/// </summary>
internal readonly struct CurvePoint<TField> : IEquatable<CurvePoint<TField>>
    where TField : struct, ICurveCoordinateField<TField>
{
    public readonly TField X, Y;
    public readonly bool IsInfinity;

    public CurvePoint(in TField x, in TField y)
    {
        X = x;
        Y = y;
        IsInfinity = false;
    }

    private CurvePoint(bool infinity)
    {
        X = default;
        Y = default;
        IsInfinity = infinity;
    }

    public static CurvePoint<TField> Infinity => new(true);

    /// <summary>True when y^2 = x^3 + b for the curve of this coordinate field (the point at infinity is on it).</summary>
    public bool IsOnCurve =>
        IsInfinity || TField.Square(Y).Equals(TField.Add(TField.Multiply(TField.Square(X), X), TField.CurveB));

    public CurvePoint<TField> Negate() => IsInfinity ? this : new(X, TField.Negate(Y));

    public JacobianPoint<TField> ToJacobian() =>
        IsInfinity ? JacobianPoint<TField>.Infinity : new(X, Y, TField.One);

    public bool Equals(CurvePoint<TField> other) =>
        IsInfinity ? other.IsInfinity : !other.IsInfinity && X.Equals(other.X) && Y.Equals(other.Y);

    public override bool Equals(object? obj) => obj is CurvePoint<TField> other && Equals(other);

    public override int GetHashCode() => IsInfinity ? 0 : HashCode.Combine(X, Y);
}
