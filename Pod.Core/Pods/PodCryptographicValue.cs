using System.Numerics;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;

namespace Pod;

/// <summary>A cryptographic value: a field element in [0, r), hashed with Poseidon of one input.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.PodValueJsonConverter))]
public sealed class PodCryptographicValue : PodValue
{
    internal PodCryptographicValue(BigInteger value)
    {
        if (value.Sign < 0 || value >= Fr.Modulus)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"A cryptographic value must be in [0, {Fr.Modulus - 1}].");
        }

        Element = Fr.FromBigInteger(value);
    }

    internal PodCryptographicValue(Fr value) => Element = value;

    /// <summary>The value as an integer.</summary>
    public BigInteger Value => Element.ToBigInteger();

    /// <summary>The value as a field element.</summary>
    public Fr Element { get; }

    /// <inheritdoc/>
    public override PodValueType Type => PodValueType.Cryptographic;

    /// <inheritdoc/>
    public override BigInteger? CircuitValue => Value;

    internal override Fr ComputeHash() => Poseidon.Hash(Element);

    /// <inheritdoc/>
    public override bool Equals(PodValue? other) => other is PodCryptographicValue c && c.Element == Element;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Element);
}
