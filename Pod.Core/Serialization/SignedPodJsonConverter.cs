using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pod.Serialization;

/// <summary>
/// Lets System.Text.Json read and write <see cref="SignedPod"/> inside a user's own types, in the JSONPOD
/// form of <see cref="PodJson"/>. Malformed PODs surface as <see cref="JsonException"/> with the path filled in.
/// </summary>
internal sealed class SignedPodJsonConverter : JsonConverter<SignedPod>
{
    /// <inheritdoc/>
    public override SignedPod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        try
        {
            return PodJson.Guard(() => PodJson.ReadPod(document.RootElement));
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, SignedPod value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(PodJson.Serialize(value), skipInputValidation: true);
    }
}
