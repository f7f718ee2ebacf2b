using System.Numerics;
using System.Runtime.CompilerServices;

namespace Pod.Cryptography.Bn254;

/// <summary>
/// A point of y^2 = x^3 + b in Jacobian coordinates (x = X/Z^2, y = Y/Z^3; Z = 0 at infinity), with the
/// a = 0 formulas of the Explicit-Formulas Database (dbl-2009-l, add-2007-bl). Variable time: for
/// public data (verification).
/// </summary>
internal readonly struct JacobianPoint<TField>
    where TField : struct, ICurveCoordinateField<TField>
{
    public readonly TField X, Y, Z;

    public JacobianPoint(in TField x, in TField y, in TField z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static JacobianPoint<TField> Infinity => new(TField.One, TField.One, TField.Zero);

    public bool IsInfinity => Z.IsZero;

    public static JacobianPoint<TField> Double(in JacobianPoint<TField> p)
    {
        if (p.IsInfinity || p.Y.IsZero)
        {
            return Infinity;
        }

        TField a = TField.Square(p.X);
        TField b = TField.Square(p.Y);
        TField c = TField.Square(b);
        TField xb = TField.Add(p.X, b);
        TField d = TField.Subtract(TField.Subtract(TField.Square(xb), a), c);
        d = TField.Add(d, d);
        TField e = TField.Add(TField.Add(a, a), a);
        TField f = TField.Square(e);
        TField x3 = TField.Subtract(f, TField.Add(d, d));
        TField c8 = TField.Add(c, c);
        c8 = TField.Add(c8, c8);
        c8 = TField.Add(c8, c8);
        TField y3 = TField.Subtract(TField.Multiply(e, TField.Subtract(d, x3)), c8);
        TField yz = TField.Multiply(p.Y, p.Z);
        return new(x3, y3, TField.Add(yz, yz));
    }

    public static JacobianPoint<TField> Add(in JacobianPoint<TField> p, in JacobianPoint<TField> q)
    {
        if (p.IsInfinity)
        {
            return q;
        }

        if (q.IsInfinity)
        {
            return p;
        }

        TField z1z1 = TField.Square(p.Z);
        TField z2z2 = TField.Square(q.Z);
        TField u1 = TField.Multiply(p.X, z2z2);
        TField u2 = TField.Multiply(q.X, z1z1);
        TField s1 = TField.Multiply(TField.Multiply(p.Y, q.Z), z2z2);
        TField s2 = TField.Multiply(TField.Multiply(q.Y, p.Z), z1z1);
        TField h = TField.Subtract(u2, u1);
        TField r = TField.Subtract(s2, s1);
        if (h.IsZero)
        {
            return r.IsZero ? Double(p) : Infinity;
        }

        TField h2 = TField.Add(h, h);
        TField i = TField.Square(h2);
        TField j = TField.Multiply(h, i);
        r = TField.Add(r, r);
        TField v = TField.Multiply(u1, i);
        TField x3 = TField.Subtract(TField.Subtract(TField.Square(r), j), TField.Add(v, v));
        TField s1j = TField.Multiply(s1, j);
        TField y3 = TField.Subtract(TField.Multiply(r, TField.Subtract(v, x3)), TField.Add(s1j, s1j));
        TField z3 = TField.Multiply(TField.Subtract(TField.Subtract(TField.Square(TField.Add(p.Z, q.Z)), z1z1), z2z2), h);
        return new(x3, y3, z3);
    }

    /// <summary>p + q for an affine q (madd-2007-bl: 7M + 4S).</summary>
    public static JacobianPoint<TField> AddAffine(in JacobianPoint<TField> p, in CurvePoint<TField> q)
    {
        if (q.IsInfinity)
        {
            return p;
        }

        if (p.IsInfinity)
        {
            return q.ToJacobian();
        }

        TField z1z1 = TField.Square(p.Z);
        TField u2 = TField.Multiply(q.X, z1z1);
        TField s2 = TField.Multiply(TField.Multiply(q.Y, p.Z), z1z1);
        TField h = TField.Subtract(u2, p.X);
        TField r = TField.Subtract(s2, p.Y);
        if (h.IsZero)
        {
            return r.IsZero ? Double(p) : Infinity;
        }

        TField hh = TField.Square(h);
        TField i = TField.Add(hh, hh);
        i = TField.Add(i, i);
        TField j = TField.Multiply(h, i);
        r = TField.Add(r, r);
        TField v = TField.Multiply(p.X, i);
        TField x3 = TField.Subtract(TField.Subtract(TField.Square(r), j), TField.Add(v, v));
        TField y1j = TField.Multiply(p.Y, j);
        TField y3 = TField.Subtract(TField.Multiply(r, TField.Subtract(v, x3)), TField.Add(y1j, y1j));
        TField z3 = TField.Subtract(TField.Subtract(TField.Square(TField.Add(p.Z, h)), z1z1), hh);
        return new(x3, y3, z3);
    }

    public JacobianPoint<TField> Negate() => new(X, TField.Negate(Y), Z);

    /// <summary>scalar * p with a 4-bit window (0 &lt;= scalar &lt; 2^512), without touching the heap.</summary>
    public static JacobianPoint<TField> Multiply(in JacobianPoint<TField> p, BigInteger scalar)
    {
        Span<byte> bytes = stackalloc byte[64];
        if (scalar.Sign < 0 || !scalar.TryWriteBytes(bytes, out int length, isUnsigned: true, isBigEndian: true))
        {
            throw new ArgumentOutOfRangeException(nameof(scalar), scalar, "The scalar must be in [0, 2^512).");
        }

        WindowTable table = default;
        table[0] = Infinity;
        for (int i = 1; i < WindowTable.Length; i++)
        {
            table[i] = Add(table[i - 1], p);
        }

        JacobianPoint<TField> result = Infinity;
        foreach (byte b in bytes[..length])
        {
            for (int half = 1; half >= 0; half--)
            {
                result = Double(Double(Double(Double(result))));
                int digit = (b >> (4 * half)) & 0xF;
                if (digit != 0)
                {
                    result = Add(result, table[digit]);
                }
            }
        }

        return result;
    }

    /// <summary>0, p, 2p, ..., 15p: the 4-bit window's multiples, held inline on the stack.</summary>
    [InlineArray(Length)]
    private struct WindowTable
    {
        public const int Length = 16;

        private JacobianPoint<TField> _element;
    }

    public CurvePoint<TField> ToAffine()
    {
        if (IsInfinity)
        {
            return CurvePoint<TField>.Infinity;
        }

        TField zInverse = TField.InverseVartime(Z);
        TField zInverse2 = TField.Square(zInverse);
        return new CurvePoint<TField>(TField.Multiply(X, zInverse2), TField.Multiply(Y, TField.Multiply(zInverse2, zInverse)));
    }
}
