using System.Numerics;
using System.Security.Cryptography;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Curves;

/// <summary>
/// A point (x, y) of <see cref="BabyJubJub"/> in affine coordinates. Values made by this library are on
/// the curve; <c>default</c> is (0, 0), which is not, and is rejected wherever points are checked.
/// </summary>
public readonly struct BabyJubJubPoint : IEquatable<BabyJubJubPoint>
{
    private BabyJubJubPoint(in Fr x, in Fr y)
    {
        X = x;
        Y = y;
    }

    /// <summary>The x coordinate.</summary>
    public Fr X { get; }

    /// <summary>The y coordinate.</summary>
    public Fr Y { get; }

    /// <summary>The neutral element (0, 1).</summary>
    public static BabyJubJubPoint Identity => new(Fr.Zero, Fr.One);

    /// <summary>True when a*x^2 + y^2 = 1 + d*x^2*y^2 (zk-kit's inCurve).</summary>
    public bool IsOnCurve
    {
        get
        {
            Fr x2 = Fr.Square(X), y2 = Fr.Square(Y);
            return (BabyJubJub.A * x2) + y2 == Fr.One + (BabyJubJub.D * x2 * y2);
        }
    }

    /// <summary>True when the point is on the curve and l * P is the identity.</summary>
    public bool IsInPrimeOrderSubgroup =>
        IsOnCurve && ExtendedPoint.MultiplyVartime(ToExtended(), BabyJubJub.SubgroupOrderLimbs).IsIdentity;

    /// <summary>True for (0, 1).</summary>
    public bool IsIdentity => X.IsZero && Y == Fr.One;

    /// <summary>The point with these coordinates.</summary>
    /// <exception cref="CryptographicException">The coordinates are not a point of the curve.</exception>
    public static BabyJubJubPoint FromCoordinates(Fr x, Fr y)
    {
        if (!TryFromCoordinates(x, y, out BabyJubJubPoint point))
        {
            throw new CryptographicException($"The point ({x}, {y}) is not on the BabyJubJub curve.");
        }

        return point;
    }

    /// <summary>The point with these coordinates, or false when they are not on the curve.</summary>
    public static bool TryFromCoordinates(Fr x, Fr y, out BabyJubJubPoint point)
    {
        point = new BabyJubJubPoint(x, y);
        if (point.IsOnCurve)
        {
            return true;
        }

        point = default;
        return false;
    }

    internal static BabyJubJubPoint FromCoordinatesUnchecked(in Fr x, in Fr y) => new(x, y);

    internal ExtendedPoint ToExtended() => ExtendedPoint.FromAffine(X, Y);

    /// <summary>p + q (zk-kit's addPoint).</summary>
    public static BabyJubJubPoint Add(in BabyJubJubPoint p, in BabyJubJubPoint q) =>
        ExtendedPoint.Add(p.ToExtended(), q.ToExtended()).ToAffine();

    /// <summary>-p = (-x, y).</summary>
    public static BabyJubJubPoint Negate(in BabyJubJubPoint p) => new(-p.X, p.Y);

    /// <summary>scalar * p in time independent of the scalar's value (zk-kit's mulPointEscalar; the scalar is not reduced).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The scalar is negative or 2^256 or more.</exception>
    public static BabyJubJubPoint Multiply(in BabyJubJubPoint p, BigInteger scalar) =>
        ExtendedPoint.Multiply(p.ToExtended(), U256.FromBigInteger(scalar)).ToAffine();

    /// <inheritdoc cref="Add"/>
    public static BabyJubJubPoint operator +(BabyJubJubPoint p, BabyJubJubPoint q) => Add(p, q);

    /// <summary>p + (-q).</summary>
    public static BabyJubJubPoint operator -(BabyJubJubPoint p, BabyJubJubPoint q) => Add(p, Negate(q));

    /// <inheritdoc cref="Negate"/>
    public static BabyJubJubPoint operator -(BabyJubJubPoint p) => Negate(p);

    /// <summary>Equal coordinates.</summary>
    public static bool operator ==(BabyJubJubPoint p, BabyJubJubPoint q) => p.Equals(q);

    /// <summary>Different coordinates.</summary>
    public static bool operator !=(BabyJubJubPoint p, BabyJubJubPoint q) => !p.Equals(q);

    /// <summary>
    /// Writes the 32-byte packed form of zk-kit's packPoint: y little-endian, with the top bit set when
    /// x &gt; (r - 1) / 2.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is shorter than 32 bytes.</exception>
    public void Pack(Span<byte> destination)
    {
        Y.WriteBytes(destination);
        if (X.IsGreaterThanHalfModulus())
        {
            destination[31] |= 0x80;
        }
    }

    /// <summary>The 32-byte packed form (see <see cref="Pack(Span{byte})"/>).</summary>
    public byte[] Pack()
    {
        byte[] packed = new byte[BabyJubJub.PackedSizeInBytes];
        Pack(packed);
        return packed;
    }

    /// <summary>
    /// Decodes a packed point, accepting only the canonical encoding: y below r, and no sign bit on x = 0.
    /// Returns false for any other input (wrong length, no curve point).
    /// </summary>
    public static bool TryUnpack(ReadOnlySpan<byte> packed, out BabyJubJubPoint point)
    {
        point = default;
        if (packed.Length != BabyJubJub.PackedSizeInBytes)
        {
            return false;
        }

        Span<byte> yBytes = stackalloc byte[Fr.SizeInBytes];
        packed.CopyTo(yBytes);
        bool negative = (yBytes[31] & 0x80) != 0;
        yBytes[31] &= 0x7F;
        if (!Fr.TryFromCanonicalBytes(yBytes, ByteOrder.LittleEndian, out Fr y))
        {
            return false;
        }

        // x^2 = (1 - y^2) / (a - d*y^2); the denominator is never zero because d/a is not a square.
        Fr y2 = Fr.Square(y);
        Fr denominator = BabyJubJub.A - (BabyJubJub.D * y2);
        // Public input: the faster variable-time inverse is fine.
        if (denominator.IsZero || !Fr.TrySqrtVartime((Fr.One - y2) * Fr.InverseVartime(denominator), out Fr x))
        {
            return false;
        }

        if (x.IsGreaterThanHalfModulus())
        {
            x = -x;
        }

        if (negative)
        {
            if (x.IsZero)
            {
                return false;
            }

            x = -x;
        }

        point = new BabyJubJubPoint(x, y);
        return true;
    }

    /// <summary>Decodes a packed point (see <see cref="TryUnpack"/>).</summary>
    /// <exception cref="ArgumentException">The input is not 32 bytes.</exception>
    /// <exception cref="CryptographicException">The bytes are not the canonical encoding of a curve point.</exception>
    public static BabyJubJubPoint Unpack(ReadOnlySpan<byte> packed)
    {
        if (packed.Length != BabyJubJub.PackedSizeInBytes)
        {
            throw new ArgumentException($"A packed BabyJubJub point is {BabyJubJub.PackedSizeInBytes} bytes, not {packed.Length}.", nameof(packed));
        }

        if (!TryUnpack(packed, out BabyJubJubPoint point))
        {
            throw new CryptographicException($"The bytes {Convert.ToHexStringLower(packed)} are not a packed BabyJubJub point.");
        }

        return point;
    }

    /// <inheritdoc/>
    public bool Equals(BabyJubJubPoint other) => X == other.X && Y == other.Y;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BabyJubJubPoint other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(X, Y);

    /// <summary>"(x, y)" in decimal.</summary>
    public override string ToString() => $"({X}, {Y})";
}
