using System.Numerics;
using System.Runtime.CompilerServices;

namespace Pod.Cryptography.Fields;

/// <summary>
/// Arithmetic modulo an odd prime p &lt; 2^254 on four-limb values in Montgomery form (x * 2^256 mod p),
/// written once for every field (Fr, Fq). All operations here are constant time in their operands
/// except the ones named Vartime.
/// </summary>
/// <remarks>
/// Multiplication is CIOS Montgomery multiplication without the extra carry word: because the top limb
/// of p is below (2^64 - 1) / 2 - 1, the running sum fits in four limbs (Gautam, gnark-crypto,
/// "Faster big-integer modular multiplication for most moduli", 2020).
/// </remarks>
internal static class Montgomery<TModulus>
    where TModulus : struct, IMontgomeryModulus
{
    // Constant-returning interface members, not static readonly fields: the JIT folds them whether or
    // not this class is initialised when it compiles a caller (measured: 28 ns against 60-70 ns per
    // multiplication when a caller was compiled first and read the fields from memory).
    private static ulong P0 => TModulus.P0;

    private static ulong P1 => TModulus.P1;

    private static ulong P2 => TModulus.P2;

    private static ulong P3 => TModulus.P3;

    private static ulong NegativeInverse => TModulus.NegativeInverse;


    /// <summary>2^256 mod p: one in Montgomery form.</summary>
    public static readonly U256 One = ComputeOne();

    /// <summary>2^512 mod p: multiplying by it converts into Montgomery form.</summary>
    private static readonly U256 RSquared = U256.FromBigInteger(BigInteger.Pow(2, 512) % ModulusValue);

    /// <summary>2^768 mod p: turns the plain inverse of a Montgomery value back into Montgomery form.</summary>
    private static readonly U256 RCubed = U256.FromBigInteger(BigInteger.Pow(2, 768) % ModulusValue);

    /// <summary>p - 2, the Fermat inversion exponent.</summary>
    private static readonly U256 InverseExponent = U256.FromBigInteger(ModulusValue - 2);

    // Tonelli-Shanks: p - 1 = 2^TwoAdicity * OddPart, with a non-residue z and z^OddPart.
    private static readonly int TwoAdicity = ComputeTwoAdicity();
    private static readonly U256 OddPartMinusOneHalf = U256.FromBigInteger((((ModulusValue - 1) >> TwoAdicity) - 1) / 2);
    private static readonly U256 RootOfUnity = ComputeRootOfUnity();

    public static U256 Modulus => new(TModulus.P0, TModulus.P1, TModulus.P2, TModulus.P3);

    public static BigInteger ModulusValue => Modulus.ToBigInteger();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Add(in U256 a, in U256 b)
    {
        // a, b < p < 2^254, so the sum cannot carry out of 256 bits.
        U256 sum = U256.Add(a, b, out _);
        return ReduceOnce(sum);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Subtract(in U256 a, in U256 b)
    {
        U256 difference = U256.Subtract(a, b, out ulong borrow);
        U256 corrected = U256.Add(difference, new U256(P0, P1, P2, P3), out _);
        return U256.Select(U256.MaskOf(borrow), corrected, difference);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Negate(in U256 a)
    {
        U256 difference = U256.Subtract(new U256(P0, P1, P2, P3), a, out _);
        ulong nonZero = (a.L0 | a.L1 | a.L2 | a.L3) == 0 ? 0UL : ulong.MaxValue;
        return U256.Select(nonZero, difference, default);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Double(in U256 a) => Add(a, a);

    /// <summary>a * b * 2^-256 mod p.</summary>
    /// <remarks>Not inlined on purpose: inlined into large callers it spilled registers and ran at half speed.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static U256 Multiply(in U256 a, in U256 b)
    {
        unchecked
        {
            ulong q = NegativeInverse;
            ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3;
            ulong t0, t1, t2, t3, carryA, carryC, m;

            // Round 0 (t = 0). m * p0 + t0 is 0 mod 2^64 by the choice of m, so its carry is (t0 != 0).
            carryA = U256.MultiplyHigh(a0, b.L0);
            t0 = a0 * b.L0;
            m = t0 * q;
            carryC = U256.MultiplyHigh(m, P0) + (t0 != 0 ? 1UL : 0UL);
            carryA = U256.MultiplyAdd(a1, b.L0, carryA, out t1);
            carryC = U256.MultiplyAdd(m, P1, t1, carryC, out t0);
            carryA = U256.MultiplyAdd(a2, b.L0, carryA, out t2);
            carryC = U256.MultiplyAdd(m, P2, t2, carryC, out t1);
            carryA = U256.MultiplyAdd(a3, b.L0, carryA, out t3);
            carryC = U256.MultiplyAdd(m, P3, t3, carryC, out t2);
            t3 = carryC + carryA;

            Round(a0, a1, a2, a3, b.L1, q, ref t0, ref t1, ref t2, ref t3);
            Round(a0, a1, a2, a3, b.L2, q, ref t0, ref t1, ref t2, ref t3);
            Round(a0, a1, a2, a3, b.L3, q, ref t0, ref t1, ref t2, ref t3);

            return ReduceOnce(new U256(t0, t1, t2, t3));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(
        ulong a0, ulong a1, ulong a2, ulong a3, ulong bi, ulong q,
        ref ulong t0, ref ulong t1, ref ulong t2, ref ulong t3)
    {
        unchecked
        {
            ulong carryA = U256.MultiplyAdd(a0, bi, t0, out ulong u0);
            ulong m = u0 * q;
            ulong carryC = U256.MultiplyHigh(m, P0) + (u0 != 0 ? 1UL : 0UL);
            carryA = U256.MultiplyAdd(a1, bi, t1, carryA, out ulong u1);
            carryC = U256.MultiplyAdd(m, P1, u1, carryC, out t0);
            carryA = U256.MultiplyAdd(a2, bi, t2, carryA, out ulong u2);
            carryC = U256.MultiplyAdd(m, P2, u2, carryC, out t1);
            carryA = U256.MultiplyAdd(a3, bi, t3, carryA, out ulong u3);
            carryC = U256.MultiplyAdd(m, P3, u3, carryC, out t2);
            t3 = carryC + carryA;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Square(in U256 a) => Multiply(a, a);

    /// <summary>Subtracts p once when value &gt;= p (canonical when value is below 2p).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static U256 ReduceOnce(in U256 value)
    {
        U256 reduced = U256.Subtract(value, new U256(P0, P1, P2, P3), out ulong borrow);
        return U256.Select(U256.MaskOf(borrow), value, reduced);
    }

    /// <summary>Converts a canonical value (&lt; p) into Montgomery form.</summary>
    public static U256 ToMontgomery(in U256 canonical) => Multiply(canonical, RSquared);

    /// <summary>Maps a canonical value x to the Montgomery form of x * 2^256.</summary>
    public static U256 ShiftedToMontgomery(in U256 canonical) => Multiply(canonical, RCubed);

    /// <summary>Converts out of Montgomery form.</summary>
    public static U256 FromMontgomery(in U256 montgomery) => Multiply(montgomery, new U256(1, 0, 0, 0));

    /// <summary>True when the plain value is below p.</summary>
    public static bool IsCanonical(in U256 value) => value.LessThan(Modulus);

    /// <summary>
    /// floor((2^256 - 1) / p): the most multiples of p a 256-bit value holds, so that many conditional
    /// subtractions reduce any value (5 for r and q, above 2^253; 21 for BabyJubJub's l, below 2^252).
    /// </summary>
    private static readonly int MaxMultiples = (int)((BigInteger.Pow(2, 256) - 1) / ModulusValue);

    /// <summary>Reduces any 256-bit plain value mod p, with the same operations for every value.</summary>
    public static U256 Reduce(U256 value)
    {
        for (int i = 0; i < MaxMultiples; i++)
        {
            value = ReduceOnce(value);
        }

        return value;
    }

    /// <summary>a^e with a 4-bit fixed window; the sequence of operations depends only on the (public) exponent.</summary>
    public static U256 Pow(in U256 a, in U256 exponent)
    {
        Span<U256> table = stackalloc U256[16];
        table[0] = One;
        for (int i = 1; i < 16; i++)
        {
            table[i] = Multiply(table[i - 1], a);
        }

        U256 result = One;
        for (int nibble = ((exponent.BitLength + 3) / 4) - 1; nibble >= 0; nibble--)
        {
            result = Square(Square(Square(Square(result))));
            int digit = exponent.Nibble(nibble);
            if (digit != 0)
            {
                result = Multiply(result, table[digit]);
            }
        }

        return result;
    }

    /// <summary>a^-1 = a^(p-2) by Fermat's little theorem (zero maps to zero); the same operations for every a.</summary>
    public static U256 Inverse(in U256 a) => Pow(a, InverseExponent);

    /// <summary>a^-1 by the binary extended Euclidean algorithm; faster, but its time depends on a.</summary>
    public static U256 InverseVartime(in U256 a)
    {
        if (a.IsZero)
        {
            return default;
        }

        // Invariants: x1 * a = u and x2 * a = v (mod p), on plain values; a is a Montgomery value aR,
        // so the result (aR)^-1 is moved back into Montgomery form with one multiplication by R^3.
        U256 p = Modulus;
        U256 u = a, v = p, x1 = new(1, 0, 0, 0), x2 = default;
        U256 one = new(1, 0, 0, 0);
        while (!u.Equals(one) && !v.Equals(one))
        {
            while (!u.IsOdd)
            {
                u = u.ShiftRightOne();
                x1 = HalveModP(x1);
            }

            while (!v.IsOdd)
            {
                v = v.ShiftRightOne();
                x2 = HalveModP(x2);
            }

            if (!u.LessThan(v))
            {
                u = U256.Subtract(u, v, out _);
                x1 = Subtract(x1, x2);
            }
            else
            {
                v = U256.Subtract(v, u, out _);
                x2 = Subtract(x2, x1);
            }
        }

        U256 plainInverse = u.Equals(one) ? x1 : x2;
        return Multiply(plainInverse, RCubed);
    }

    /// <summary>x / 2 mod p; on a Montgomery value it halves the element it stands for. Variable time.</summary>
    public static U256 HalveModP(in U256 x)
    {
        if (!x.IsOdd)
        {
            return x.ShiftRightOne();
        }

        // x + p is even and below 2^255, so the halving cannot lose the carry.
        U256 sum = U256.Add(x, Modulus, out _);
        return sum.ShiftRightOne();
    }

    /// <summary>The Legendre symbol as 1 (non-zero square), -1 (non-square) or 0.</summary>
    public static int Legendre(in U256 a)
    {
        U256 r = Pow(a, U256.FromBigInteger((ModulusValue - 1) / 2));
        if (r.IsZero)
        {
            return 0;
        }

        return r.Equals(One) ? 1 : -1;
    }

    /// <summary>A square root of a by Tonelli-Shanks, or false when a is not a square; its loop count depends on a (public values only).</summary>
    public static bool TrySqrtVartime(in U256 a, out U256 root)
    {
        if (a.IsZero)
        {
            root = default;
            return true;
        }

        // w = a^((Q-1)/2); x = a * w = a^((Q+1)/2); b = x * w = a^Q.
        U256 w = Pow(a, OddPartMinusOneHalf);
        U256 x = Multiply(a, w);
        U256 b = Multiply(x, w);
        U256 z = RootOfUnity;
        int m = TwoAdicity;
        while (!b.Equals(One))
        {
            // Least i with b^(2^i) = 1.
            int i = 0;
            U256 b2 = b;
            while (!b2.Equals(One))
            {
                b2 = Square(b2);
                i++;
                if (i == m)
                {
                    root = default;
                    return false;
                }
            }

            U256 c = z;
            for (int j = 0; j < m - i - 1; j++)
            {
                c = Square(c);
            }

            z = Square(c);
            x = Multiply(x, c);
            b = Multiply(b, z);
            m = i;
        }

        root = x;
        return true;
    }

    private static U256 ComputeOne()
    {
        if (ComputeNegativeInverse(TModulus.P0) != TModulus.NegativeInverse)
        {
            throw new InvalidOperationException($"The Montgomery constant of {typeof(TModulus).Name} does not match its modulus.");
        }

        return U256.FromBigInteger(BigInteger.Pow(2, 256) % ModulusValue);
    }

    private static ulong ComputeNegativeInverse(ulong p0)
    {
        unchecked
        {
            // Newton iteration for p0^-1 mod 2^64: each step doubles the correct low bits.
            ulong inverse = 1;
            for (int i = 0; i < 6; i++)
            {
                inverse *= 2 - (p0 * inverse);
            }

            return 0UL - inverse;
        }
    }

    private static int ComputeTwoAdicity()
    {
        BigInteger pMinusOne = ModulusValue - 1;
        int s = 0;
        while (pMinusOne.IsEven)
        {
            pMinusOne >>= 1;
            s++;
        }

        return s;
    }

    private static U256 ComputeRootOfUnity()
    {
        BigInteger p = ModulusValue;
        BigInteger oddPart = (p - 1) >> ComputeTwoAdicity();
        for (BigInteger z = 2; ; z++)
        {
            if (BigInteger.ModPow(z, (p - 1) / 2, p) == p - 1)
            {
                return ToMontgomery(U256.FromBigInteger(BigInteger.ModPow(z, oddPart, p)));
            }
        }
    }
}
