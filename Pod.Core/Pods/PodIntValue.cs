using System.Numerics;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;

namespace Pod;

/// <summary>An int value: a signed 64-bit integer, hashed with Poseidon of the value mod r.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.PodValueJsonConverter))]
public sealed class PodIntValue : PodValue
{
    internal PodIntValue(long value) => Value = value;

    /// <summary>The integer.</summary>
    public long Value { get; }

    /// <inheritdoc/>
    public override PodValueType Type => PodValueType.Int;

    /// <inheritdoc/>
    public override BigInteger? CircuitValue => Value;

    internal override Fr ComputeHash() => Poseidon.Hash(Fr.FromBigIntegerReduced(new BigInteger(Value)));

    /// <inheritdoc/>
    public override bool Equals(PodValue? other) => other is PodIntValue i && i.Value == Value;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Value);
}
