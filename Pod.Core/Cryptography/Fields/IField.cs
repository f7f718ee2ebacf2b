namespace Pod.Cryptography.Fields;

/// <summary>The operations of any field of the library, prime or extension, so field laws are written once.</summary>
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

    static abstract TSelf Inverse(in TSelf a);
}
