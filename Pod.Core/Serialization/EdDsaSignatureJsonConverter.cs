using System.Text.Json;
using System.Text.Json.Serialization;
using Pod.Cryptography.Signatures;

namespace Pod.Serialization;

/// <summary>
/// Lets System.Text.Json write an <see cref="EdDsaSignature"/> as its text (the 64 packed bytes in Base64,
/// as @pcd/pod writes it) and read any form <see cref="EdDsaSignature.Parse"/> accepts.
/// </summary>
internal sealed class EdDsaSignatureJsonConverter : JsonConverter<EdDsaSignature>
{
    /// <inheritdoc/>
    /// <exception cref="JsonException">The token is not a string holding an EdDSA signature; the message says why.</exception>
    public override EdDsaSignature Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected an EdDSA signature as a JSON string, found {reader.TokenType}.");
        }

        try
        {
            return EdDsaSignature.Parse(reader.GetString()!);
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, EdDsaSignature value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
