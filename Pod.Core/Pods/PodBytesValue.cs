using Pod.Cryptography.Fields;

namespace Pod;

/// <summary>A bytes value, hashed as SHA-256 shifted right 8 bits.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.PodValueJsonConverter))]
public sealed class PodBytesValue : PodValue
{
    private readonly byte[] _value;

    internal PodBytesValue(byte[] value) => _value = value;

    /// <summary>The bytes.</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <inheritdoc/>
    public override PodValueType Type => PodValueType.Bytes;

    internal override Fr ComputeHash() => PodValueHashing.BytesHash(_value);

    /// <inheritdoc/>
    public override bool Equals(PodValue? other) => other is PodBytesValue b && b._value.AsSpan().SequenceEqual(_value);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        hash.AddBytes(_value);
        return hash.ToHashCode();
    }
}
