using System.Runtime.CompilerServices;

namespace Pod.Cryptography.Bn254;

/// <summary>
/// A point of y^2 = x^3 + b in extended Jacobian ("XYZZ") coordinates, x = X / ZZ, y = Y / ZZZ with
/// ZZ^3 = ZZZ^2 (ZZ = 0 at infinity): the cheapest form for adding affine points into buckets, as a
/// multi-scalar multiplication does (mixed addition 8M + 2S against Jacobian's 7M + 4S plus its
/// doubling special cases). Formulas: Explicit-Formulas Database, "xyzz" for short Weierstrass curves
/// (madd-2008-s, mdbl-2008-s-1, add-2008-s, dbl-2008-s-1). Variable time: for public data only.
/// </summary>
internal struct XyzzPoint<TField>
    where TField : struct, ICurveCoordinateField<TField>
{
    public TField X, Y, ZZ, ZZZ;

    public readonly bool IsInfinity => ZZ.IsZero;

    public static XyzzPoint<TField> Infinity => default;

    /// <summary>this += q for an affine q (not infinity).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddAffine(in TField qx, in TField qy)
    {
        if (ZZ.IsZero)
        {
            X = qx;
            Y = qy;
            ZZ = TField.One;
            ZZZ = TField.One;
            return;
        }

        TField u2 = TField.Multiply(qx, ZZ);
        TField s2 = TField.Multiply(qy, ZZZ);
        TField p = TField.Subtract(u2, X);
        TField r = TField.Subtract(s2, Y);
        if (p.IsZero)
        {
            if (r.IsZero)
            {
                DoubleAffine(qx, qy);
            }
            else
            {
                this = default;
            }

            return;
        }

        TField pp = TField.Square(p);
        TField ppp = TField.Multiply(p, pp);
        TField q = TField.Multiply(X, pp);
        TField x3 = TField.Subtract(TField.Subtract(TField.Square(r), ppp), TField.Add(q, q));
        Y = TField.Subtract(TField.Multiply(r, TField.Subtract(q, x3)), TField.Multiply(Y, ppp));
        X = x3;
        ZZ = TField.Multiply(ZZ, pp);
        ZZZ = TField.Multiply(ZZZ, ppp);
    }

    /// <summary>this -= q for an affine q (not infinity).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SubtractAffine(in TField qx, in TField qy) => AddAffine(qx, TField.Negate(qy));

    /// <summary>this = 2 (qx, qy) (mdbl-2008-s-1, a = 0).</summary>
    private void DoubleAffine(in TField qx, in TField qy)
    {
        TField u = TField.Add(qy, qy);
        TField v = TField.Square(u);
        TField w = TField.Multiply(u, v);
        TField s = TField.Multiply(qx, v);
        TField x2 = TField.Square(qx);
        TField m = TField.Add(TField.Add(x2, x2), x2);
        TField x3 = TField.Subtract(TField.Square(m), TField.Add(s, s));
        Y = TField.Subtract(TField.Multiply(m, TField.Subtract(s, x3)), TField.Multiply(w, qy));
        X = x3;
        ZZ = v;
        ZZZ = w;
    }

    /// <summary>this += q (add-2008-s).</summary>
    public void Add(in XyzzPoint<TField> q)
    {
        if (q.ZZ.IsZero)
        {
            return;
        }

        if (ZZ.IsZero)
        {
            this = q;
            return;
        }

        TField u1 = TField.Multiply(X, q.ZZ);
        TField u2 = TField.Multiply(q.X, ZZ);
        TField s1 = TField.Multiply(Y, q.ZZZ);
        TField s2 = TField.Multiply(q.Y, ZZZ);
        TField p = TField.Subtract(u2, u1);
        TField r = TField.Subtract(s2, s1);
        if (p.IsZero)
        {
            if (r.IsZero)
            {
                Double();
            }
            else
            {
                this = default;
            }

            return;
        }

        TField pp = TField.Square(p);
        TField ppp = TField.Multiply(p, pp);
        TField qq = TField.Multiply(u1, pp);
        TField x3 = TField.Subtract(TField.Subtract(TField.Square(r), ppp), TField.Add(qq, qq));
        Y = TField.Subtract(TField.Multiply(r, TField.Subtract(qq, x3)), TField.Multiply(s1, ppp));
        X = x3;
        ZZ = TField.Multiply(TField.Multiply(ZZ, q.ZZ), pp);
        ZZZ = TField.Multiply(TField.Multiply(ZZZ, q.ZZZ), ppp);
    }

    /// <summary>this = 2 this (dbl-2008-s-1, a = 0).</summary>
    public void Double()
    {
        if (ZZ.IsZero)
        {
            return;
        }

        TField u = TField.Add(Y, Y);
        TField v = TField.Square(u);
        TField w = TField.Multiply(u, v);
        TField s = TField.Multiply(X, v);
        TField x2 = TField.Square(X);
        TField m = TField.Add(TField.Add(x2, x2), x2);
        TField x3 = TField.Subtract(TField.Square(m), TField.Add(s, s));
        Y = TField.Subtract(TField.Multiply(m, TField.Subtract(s, x3)), TField.Multiply(w, Y));
        X = x3;
        ZZ = TField.Multiply(v, ZZ);
        ZZZ = TField.Multiply(w, ZZZ);
    }

    /// <summary>The affine point; 1/ZZ and 1/ZZZ both come from one inversion of ZZ * ZZZ.</summary>
    public readonly CurvePoint<TField> ToAffine()
    {
        if (ZZ.IsZero)
        {
            return CurvePoint<TField>.Infinity;
        }

        TField inverseBoth = TField.InverseVartime(TField.Multiply(ZZ, ZZZ));
        TField zzInverse = TField.Multiply(inverseBoth, ZZZ);
        TField zzzInverse = TField.Multiply(inverseBoth, ZZ);
        return new CurvePoint<TField>(TField.Multiply(X, zzInverse), TField.Multiply(Y, zzzInverse));
    }

    /// <summary>
    /// The same point in Jacobian coordinates without a division: with Z' = ZZ * ZZZ, and ZZ^3 = ZZZ^2,
    /// X' = x Z'^2 = X ZZ^4 and Y' = y Z'^3 = Y ZZZ^4.
    /// </summary>
    public readonly JacobianPoint<TField> ToJacobian()
    {
        if (ZZ.IsZero)
        {
            return JacobianPoint<TField>.Infinity;
        }

        TField zz2 = TField.Square(ZZ);
        TField zzz2 = TField.Square(ZZZ);
        return new JacobianPoint<TField>(
            TField.Multiply(X, TField.Square(zz2)),
            TField.Multiply(Y, TField.Square(zzz2)),
            TField.Multiply(ZZ, ZZZ));
    }
}
