using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pod.Serialization;

/// <summary>
/// Lets System.Text.Json read and write <see cref="PodValue"/> and each of its subtypes in @pcd/pod's JSON
/// value form. Malformed values surface as <see cref="JsonException"/> with the path filled in.
/// </summary>
internal sealed class PodValueJsonConverter : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) => typeof(PodValue).IsAssignableFrom(typeToConvert);

    /// <inheritdoc/>
    /// <remarks>The value types are a closed set, so each converter is named rather than made by reflection (trimming- and AOT-safe).</remarks>
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) => typeToConvert switch
    {
        _ when typeToConvert == typeof(PodValue) => new ValueConverter<PodValue>(),
        _ when typeToConvert == typeof(PodStringValue) => new ValueConverter<PodStringValue>(),
        _ when typeToConvert == typeof(PodBytesValue) => new ValueConverter<PodBytesValue>(),
        _ when typeToConvert == typeof(PodCryptographicValue) => new ValueConverter<PodCryptographicValue>(),
        _ when typeToConvert == typeof(PodIntValue) => new ValueConverter<PodIntValue>(),
        _ when typeToConvert == typeof(PodBooleanValue) => new ValueConverter<PodBooleanValue>(),
        _ when typeToConvert == typeof(PodEdDsaPublicKeyValue) => new ValueConverter<PodEdDsaPublicKeyValue>(),
        _ when typeToConvert == typeof(PodDateValue) => new ValueConverter<PodDateValue>(),
        _ when typeToConvert == typeof(PodNullValue) => new ValueConverter<PodNullValue>(),
        _ => throw new NotSupportedException($"{typeToConvert} is not a POD value type."),
    };

    private sealed class ValueConverter<T> : JsonConverter<T>
        where T : PodValue
    {
        public override bool HandleNull => true;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            PodValue value;
            try
            {
                value = PodJson.Guard(() => PodJson.ReadValue(document.RootElement, "value"));
            }
            catch (FormatException e)
            {
                throw new JsonException(e.Message, e);
            }

            return value as T ?? throw new JsonException($"Expected a POD value of type {typeof(T).Name}, found a {value.Type} value.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value is null ? "null" : PodJson.SerializeValue(value), skipInputValidation: true);
    }
}
