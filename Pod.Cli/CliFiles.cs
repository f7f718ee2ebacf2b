using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Identity;
using Pod.Serialization;

namespace Pod.Cli;

/// <summary>Reading and writing the tool's files; every failure is a <see cref="CliInputException"/> naming the file.</summary>
internal static class CliFiles
{
    /// <summary>Owner read and write only: key and identity files hold secrets.</summary>
    private const UnixFileMode SecretMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{path}: cannot be read: {e.Message}", e);
        }
    }

    public static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{path}: cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Writes a secret to a new file only its owner can read; an existing file is kept unless <paramref name="force"/>.</summary>
    public static void WriteSecret(string path, string text, bool force)
    {
        if (File.Exists(path) && !force)
        {
            throw new CliInputException($"{path}: already exists; pass --force to replace it.");
        }

        try
        {
            // Deleted first so the new file is created with the owner-only mode rather than keeping an old one's.
            File.Delete(path);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = SecretMode;
            }

            using var stream = new FileStream(path, options);
            stream.Write(Encoding.UTF8.GetBytes(text + "\n"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{path}: cannot be written: {e.Message}", e);
        }
    }

    public static void WriteText(string path, string text) => Write(path, () => File.WriteAllText(path, text));

    public static void WriteBytes(string path, byte[] bytes) => Write(path, () => File.WriteAllBytes(path, bytes));

    public static EdDsaPrivateKey ReadPrivateKey(string path)
    {
        string text = ReadText(path).Trim();
        try
        {
            return EdDsaPrivateKey.Parse(text);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            // The parser's message may quote the text; a key file's content is never echoed.
            throw new CliInputException($"{path}: not a POD private key (Base64 or hex of 32 bytes).", e);
        }
    }

    public static SemaphoreIdentity ReadIdentity(string path)
    {
        string text = ReadText(path).Trim();
        try
        {
            return SemaphoreIdentity.Import(text);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            throw new CliInputException($"{path}: not an exported Semaphore V4 identity (Base64 of its 32-byte private key).", e);
        }
    }

    /// <summary>Reads a POD as JSON (JSONPOD, as @pcd/pod writes it) or MessagePack (docs/formats.md), told apart by the first byte.</summary>
    public static SignedPod ReadPod(string path, out bool isJson)
    {
        byte[] bytes = ReadBytes(path);
        isJson = LooksLikeJson(bytes);
        try
        {
            return isJson ? PodJson.Parse(Encoding.UTF8.GetString(bytes)) : PodMessagePack.Deserialize(bytes);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            throw new CliInputException($"{path}: not a POD in {(isJson ? "JSON" : "MessagePack")}: {e.Message}", e);
        }
    }

    /// <summary>Reads entries as the JSON object of a JSONPOD's <c>entries</c>: names to JSON POD values.</summary>
    public static PodEntries ReadEntries(string path)
    {
        string text = ReadText(path);
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliInputException($"{path}: entries must be a JSON object of names to POD values.");
            }

            var entries = new List<KeyValuePair<string, PodValue>>();
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                entries.Add(new(property.Name, PodJson.ParseValue(property.Value.GetRawText(), property.Name)));
            }

            return PodEntries.Create(entries);
        }
        catch (JsonException e)
        {
            throw new CliInputException($"{path}: not JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new CliInputException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads a JSON object and hands it to a parser, naming the file and the field in any error.</summary>
    public static T ReadJson<T>(string path, Func<JsonElement, T> parse)
    {
        string text = ReadText(path);
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new CliInputException($"{path}: not JSON: {e.Message}", e);
        }
        catch (GpcConfigException e)
        {
            throw new CliInputException($"{path}: {e.Path}: {e.Message}", e);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or KeyNotFoundException)
        {
            throw new CliInputException($"{path}: {e.Message}", e);
        }
    }

    private static bool LooksLikeJson(ReadOnlySpan<byte> bytes)
    {
        // A MessagePack POD starts with 0x94 (an array of 4); JSON, after any whitespace, with '{'.
        ReadOnlySpan<byte> trimmed = bytes.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && trimmed[0] == (byte)'{';
    }

    private static void Write(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{path}: cannot be written: {e.Message}", e);
        }
    }
}
