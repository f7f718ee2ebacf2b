using Pod.Cryptography.Fields;

namespace Pod;

/// <summary>
/// POD entry names: <c>^[A-Za-z_][A-Za-z0-9_]*$</c> in ASCII, as @pcd/pod's POD_NAME_REGEX reads under
/// JavaScript semantics (where <c>\w</c> is ASCII only and <c>$</c> does not match before a final newline).
/// </summary>
public static class PodNames
{
    /// <summary>True when the name is a valid entry name.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws unless the name is valid.</summary>
    /// <exception cref="ArgumentException">The name is null, empty or has a character outside [A-Za-z0-9_] (or starts with a digit).</exception>
    public static void Check(string? name, string paramName = "name")
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("A POD entry name cannot be empty.", paramName);
        }

        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"Invalid POD entry name {Describe(name)}: names must match [A-Za-z_][A-Za-z0-9_]* (ASCII letters, digits and underscores, not starting with a digit).",
                paramName);
        }
    }

    /// <summary>podNameHash: the string hash of the name.</summary>
    /// <exception cref="ArgumentException">The name is not valid.</exception>
    public static Fr Hash(string name)
    {
        Check(name);
        return PodValueHashing.StringHash(name);
    }

    /// <summary>The text quoted and escaped as JSON, cut at 80 characters, for error messages.</summary>
    internal static string Describe(string text) =>
        text.Length <= 80 ? Quote(text) : Quote(text[..80]) + $" ({text.Length} characters)";

    // The JSON string escaping without the serializer, so the library stays trimming- and AOT-safe.
    private static string Quote(string text) =>
        "\"" + System.Text.Json.JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"";
}
