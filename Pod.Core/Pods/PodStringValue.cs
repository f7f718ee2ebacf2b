using Pod.Cryptography.Fields;

namespace Pod;

/// <summary>A string value, hashed as SHA-256 of its UTF-8 bytes shifted right 8 bits.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.PodValueJsonConverter))]
public sealed class PodStringValue : PodValue
{
    internal PodStringValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!PodValueHashing.IsWellFormed(value))
        {
            throw new ArgumentException(
                "A POD string value must be well-formed UTF-16: a lone surrogate has no UTF-8 form, and the reference hashes it as U+FFFD, so two different strings would share a hash.",
                nameof(value));
        }

        Value = value;
    }

    /// <summary>The text.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override PodValueType Type => PodValueType.String;

    internal override Fr ComputeHash() => PodValueHashing.StringHash(Value);

    /// <inheritdoc/>
    public override bool Equals(PodValue? other) => other is PodStringValue s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, StringComparer.Ordinal.GetHashCode(Value));
}
