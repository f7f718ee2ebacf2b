using System.Text.Json;
using System.Text.Json.Serialization;
using Pod.Pods;

namespace Pod.Serialization;

/// <summary>
/// Lets System.Text.Json read and write <see cref="PodValue"/> and each of its subtypes in @pcd/pod's JSON
/// value form. Malformed values surface as <see cref="JsonException"/> with the path filled in.
/// </summary>
public sealed class PodValueJsonConverter : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) => typeof(PodValue).IsAssignableFrom(typeToConvert);

    /// <inheritdoc/>
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(ValueConverter<>).MakeGenericType(typeToConvert));

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
