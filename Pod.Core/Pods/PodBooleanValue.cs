using System.Numerics;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;

namespace Pod;

/// <summary>A boolean value, hashed with Poseidon of 1 or 0.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.PodValueJsonConverter))]
public sealed class PodBooleanValue : PodValue
{
    internal static readonly PodBooleanValue True = new(true);
    internal static readonly PodBooleanValue False = new(false);

    private PodBooleanValue(bool value) => Value = value;

    /// <summary>The boolean.</summary>
    public bool Value { get; }

    /// <inheritdoc/>
    public override PodValueType Type => PodValueType.Boolean;

    /// <inheritdoc/>
    public override BigInteger? CircuitValue => Value ? BigInteger.One : BigInteger.Zero;

    internal override Fr ComputeHash() => Poseidon.Hash(Value ? Fr.One : Fr.Zero);

    /// <inheritdoc/>
    public override bool Equals(PodValue? other) => other is PodBooleanValue b && b.Value == Value;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Value);
}
