using FsCheck;
using FsCheck.Fluent;
using Pod.Cryptography.Fields;
using Xunit;

namespace Pod.Tests.Core;

/// <summary>
/// One law suite for every prime field of the library (after arkworks' field test templates):
/// each law is an FsCheck property over the field's generator.
/// </summary>
internal static class FieldLaws<T>
    where T : struct, IPrimeField<T>
{
    /// <summary>Checks every law; <paramref name="nonResidue"/> is a known non-square of the field.</summary>
    public static void CheckAll(Gen<T> gen, T nonResidue)
    {
        Arbitrary<T> one = gen.ToArbitrary();

        FieldAxioms<T>.Check(gen);
        Prop.ForAll(one, a => T.Pow(a, T.Modulus - 1).Equals(a.IsZero ? T.Zero : T.One)).QuickCheckThrowOnFailure();
        Prop.ForAll(one, a => T.Pow(a, 3).Equals(T.Multiply(a, T.Square(a)))).QuickCheckThrowOnFailure();
        Prop.ForAll(one, a =>
        {
            T square = T.Square(a);
            return T.TrySqrtVartime(square, out T root) && T.Square(root).Equals(square);
        }).QuickCheckThrowOnFailure();
        Prop.ForAll(one, a =>
        {
            // Exactly one of a and a * (non-residue) has a square root, for non-zero a.
            return a.IsZero || (T.TrySqrtVartime(a, out _) != T.TrySqrtVartime(T.Multiply(a, nonResidue), out _));
        }).QuickCheckThrowOnFailure();
        Prop.ForAll(one, a => T.FromBigIntegerReduced(a.ToBigInteger()).Equals(a)).QuickCheckThrowOnFailure();
        Prop.ForAll(one, a => T.FromBigIntegerReduced(a.ToBigInteger() + T.Modulus).Equals(a)
            && T.FromBigIntegerReduced(a.ToBigInteger() - T.Modulus).Equals(a)).QuickCheckThrowOnFailure();
    }
}

/// <summary>The laws of the extension fields (Fq2, Fq6, Fq12): every field's, and Fermat's with the order p^degree.</summary>
internal static class ExtensionFieldLaws<T, TBase>
    where T : struct, IExtensionField<T, TBase>
    where TBase : struct, IPrimeField<TBase>
{
    public static void CheckAll(Gen<T> gen)
    {
        FieldAxioms<T>.Check(gen);
        System.Numerics.BigInteger order = System.Numerics.BigInteger.Pow(TBase.Modulus, T.Degree);
        Prop.ForAll(gen.ToArbitrary(), a => Pow(a, order - 1).Equals(a.IsZero ? T.Zero : T.One)).QuickCheckThrowOnFailure();
    }

    /// <summary>Square and multiply over the interface only, so the law does not trust the type's own Pow.</summary>
    private static T Pow(T a, System.Numerics.BigInteger exponent)
    {
        T result = T.One;
        for (long i = (long)exponent.GetBitLength() - 1; i >= 0; i--)
        {
            result = T.Square(result);
            if (!(exponent >> (int)i).IsEven)
            {
                result = T.Multiply(result, a);
            }
        }

        return result;
    }
}

/// <summary>The laws every field obeys, prime or extension (Fq12 included).</summary>
internal static class FieldAxioms<T>
    where T : struct, IField<T>
{
    public static void Check(Gen<T> gen)
    {
        Arbitrary<T> one = gen.ToArbitrary();
        Arbitrary<(T, T)> two = Gen.Zip(gen, gen, (a, b) => (a, b)).ToArbitrary();
        Arbitrary<(T, T, T)> three = Gen.Zip(gen, gen, (a, b) => (a, b)).SelectMany(ab => gen.Select(c => (ab.a, ab.b, c))).ToArbitrary();

        Prop.ForAll(two, p => T.Add(p.Item1, p.Item2).Equals(T.Add(p.Item2, p.Item1))).QuickCheckThrowOnFailure();
        Prop.ForAll(two, p => T.Multiply(p.Item1, p.Item2).Equals(T.Multiply(p.Item2, p.Item1))).QuickCheckThrowOnFailure();
        Prop.ForAll(three, p => T.Add(T.Add(p.Item1, p.Item2), p.Item3).Equals(T.Add(p.Item1, T.Add(p.Item2, p.Item3)))).QuickCheckThrowOnFailure();
        Prop.ForAll(three, p => T.Multiply(T.Multiply(p.Item1, p.Item2), p.Item3).Equals(T.Multiply(p.Item1, T.Multiply(p.Item2, p.Item3)))).QuickCheckThrowOnFailure();
        Prop.ForAll(three, p => T.Multiply(p.Item1, T.Add(p.Item2, p.Item3)).Equals(T.Add(T.Multiply(p.Item1, p.Item2), T.Multiply(p.Item1, p.Item3)))).QuickCheckThrowOnFailure();
        Prop.ForAll(one, a => T.Add(a, T.Zero).Equals(a) && T.Multiply(a, T.One).Equals(a) && T.Multiply(a, T.Zero).IsZero).QuickCheckThrowOnFailure();
        Prop.ForAll(one, a => T.Add(a, T.Negate(a)).IsZero && T.Negate(T.Negate(a)).Equals(a)).QuickCheckThrowOnFailure();
        Prop.ForAll(two, p => T.Subtract(p.Item1, p.Item2).Equals(T.Add(p.Item1, T.Negate(p.Item2)))).QuickCheckThrowOnFailure();
        Prop.ForAll(one, a => T.Square(a).Equals(T.Multiply(a, a))).QuickCheckThrowOnFailure();
        Prop.ForAll(one, a => a.IsZero || T.Multiply(a, T.Inverse(a)).Equals(T.One)).QuickCheckThrowOnFailure();
        Prop.ForAll(one, a => a.IsZero || T.InverseVartime(a).Equals(T.Inverse(a))).QuickCheckThrowOnFailure();

        // One rule for every field: zero has no inverse, by either algorithm.
        Assert.Throws<DivideByZeroException>(() => T.Inverse(T.Zero));
        Assert.Throws<DivideByZeroException>(() => T.InverseVartime(T.Zero));
    }
}
