using System.Text.Json;
using System.Text.Json.Serialization;
using Pod.Cryptography.Fields;

namespace Pod.Serialization;

/// <summary>
/// Lets System.Text.Json write an <see cref="Fr"/> as its decimal text in a JSON string (<c>"1"</c>), the
/// form @pcd/gpc and snarkjs use for field elements, and read it back; also as a dictionary key.
/// </summary>
/// <remarks>A string, not a JSON number: most JSON readers, JavaScript's included, lose digits past 2^53.</remarks>
internal sealed class FrJsonConverter : JsonConverter<Fr>
{
    /// <inheritdoc/>
    /// <exception cref="JsonException">The token is not a string holding decimal or 0x-prefixed hex digits of a value below r.</exception>
    public override Fr Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(ref reader, "a field element");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Fr value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }

    /// <inheritdoc/>
    /// <exception cref="JsonException">The property name is not decimal or 0x-prefixed hex digits of a value below r.</exception>
    public override Fr ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(ref reader, "a field element as a property name");

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, Fr value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.ToString());
    }

    private static Fr Parse(ref Utf8JsonReader reader, string expected)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            throw new JsonException($"Expected {expected} as a JSON string, found {reader.TokenType}.");
        }

        string text = reader.GetString()!;
        return Fr.TryParse(text, out Fr value)
            ? value
            : throw new JsonException($"Expected {expected}: decimal or 0x-prefixed hex digits of a value below r, found \"{text}\".");
    }
}
