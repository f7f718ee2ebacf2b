using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pod.Gpc;

/// <summary>
/// Lets System.Text.Json read and write GPC values inside a user's own types, in the JSON forms @pcd/gpc and
/// snarkjs use: <see cref="GpcProofConfig"/>, <see cref="GpcBoundConfig"/> and <see cref="GpcRevealedClaims"/>
/// as <see cref="GpcJson"/> writes them, <see cref="Groth16Proof"/> as snarkjs does. Those types carry it as
/// their converter, so no options are needed. Malformed input surfaces as a <see cref="JsonException"/>
/// carrying the reader's message (which names the field), with the JSON path filled in.
/// </summary>
internal sealed class GpcJsonConverter : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(GpcProofConfig) || typeToConvert == typeof(GpcBoundConfig)
        || typeToConvert == typeof(GpcRevealedClaims) || typeToConvert == typeof(Groth16Proof);

    /// <inheritdoc/>
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        if (typeToConvert == typeof(GpcProofConfig))
        {
            return new TextConverter<GpcProofConfig>(GpcJson.SerializeProofConfig, GpcJson.ParseProofConfig);
        }

        if (typeToConvert == typeof(GpcBoundConfig))
        {
            return new TextConverter<GpcBoundConfig>(GpcJson.SerializeBoundConfig, GpcJson.ParseBoundConfig);
        }

        if (typeToConvert == typeof(GpcRevealedClaims))
        {
            return new TextConverter<GpcRevealedClaims>(GpcJson.SerializeRevealedClaims, GpcJson.ParseRevealedClaims);
        }

        return typeToConvert == typeof(Groth16Proof)
            ? new TextConverter<Groth16Proof>(proof => proof.ToJson(), Groth16Proof.Parse)
            : throw new ArgumentException($"The type {typeToConvert} is not a GPC value this converter knows.", nameof(typeToConvert));
    }

    /// <summary>Writes a value as the JSON text its serializer makes and reads it back through its parser.</summary>
    private sealed class TextConverter<T>(Func<T, string> serialize, Func<string, T> parse) : JsonConverter<T>
        where T : class
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            try
            {
                return parse(document.RootElement.GetRawText());
            }
            catch (Exception e) when (e is FormatException or GpcConfigException)
            {
                throw new JsonException(e.Message, e);
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteRawValue(serialize(value), skipInputValidation: true);
        }
    }
}
