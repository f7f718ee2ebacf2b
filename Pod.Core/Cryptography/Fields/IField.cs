namespace Pod.Cryptography.Fields;

/// <summary>
/// The operations of any field of the library, prime or extension, so field laws are written once.
/// One rule for division: zero has no inverse, and both inverses throw <see cref="DivideByZeroException"/>
/// for it (batch inversions skip zeros themselves, so no caller relies on a silent zero).
/// </summary>
internal interface IField<TSelf> : IEquatable<TSelf>
    where TSelf : struct, IField<TSelf>
{
    static abstract TSelf Zero { get; }

    static abstract TSelf One { get; }

    bool IsZero { get; }

    static abstract TSelf Add(in TSelf a, in TSelf b);

    static abstract TSelf Subtract(in TSelf a, in TSelf b);

    static abstract TSelf Negate(in TSelf a);

    static abstract TSelf Multiply(in TSelf a, in TSelf b);

    static abstract TSelf Square(in TSelf a);

    /// <summary>1 / a in time independent of a (for secrets).</summary>
    /// <exception cref="DivideByZeroException">a is zero.</exception>
    static abstract TSelf Inverse(in TSelf a);

    /// <summary>1 / a by a faster algorithm whose time depends on a: only for public values.</summary>
    /// <exception cref="DivideByZeroException">a is zero.</exception>
    static abstract TSelf InverseVartime(in TSelf a);
}
