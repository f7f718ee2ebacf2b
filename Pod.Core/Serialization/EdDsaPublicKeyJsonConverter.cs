using System.Text.Json;
using System.Text.Json.Serialization;
using Pod.Cryptography.Signatures;

namespace Pod.Serialization;

/// <summary>
/// Lets System.Text.Json write an <see cref="EdDsaPublicKey"/> as its text (the packed point in Base64, as
/// @pcd/pod writes it) and read any form <see cref="EdDsaPublicKey.Parse"/> accepts.
/// </summary>
internal sealed class EdDsaPublicKeyJsonConverter : JsonConverter<EdDsaPublicKey>
{
    /// <inheritdoc/>
    /// <exception cref="JsonException">The token is not a string holding an EdDSA public key; the message says why.</exception>
    public override EdDsaPublicKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected an EdDSA public key as a JSON string, found {reader.TokenType}.");
        }

        try
        {
            return EdDsaPublicKey.Parse(reader.GetString()!);
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, EdDsaPublicKey value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
