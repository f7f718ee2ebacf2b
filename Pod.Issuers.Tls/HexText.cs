namespace Pod.Issuers.Tls;

/// <summary>Checks for 0x-prefixed hex text.</summary>
internal static class HexText
{
    /// <summary>True when the text is "0x" followed by exactly <paramref name="bytes"/> bytes of hex.</summary>
    public static bool IsPrefixed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? text, int bytes) =>
        text is not null && text.Length == 2 + (2 * bytes) && text.StartsWith("0x", StringComparison.Ordinal) && text.Skip(2).All(char.IsAsciiHexDigit);
}
