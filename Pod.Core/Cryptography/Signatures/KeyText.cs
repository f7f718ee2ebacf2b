namespace Pod.Cryptography.Signatures;

/// <summary>
/// The text forms @pcd/pod gives keys and signatures: standard Base64 (written without padding, read
/// with or without it) or hex of the exact byte length.
/// </summary>
internal static class KeyText
{
    public static string ToBase64(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>Decodes exactly destination.Length bytes from hex or Base64; false for anything else.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination)
    {
        int n = destination.Length;
        if (text.Length == 2 * n)
        {
            foreach (char c in text)
            {
                if (!char.IsAsciiHexDigit(c))
                {
                    return false;
                }
            }

            return Convert.FromHexString(text, destination, out _, out int written) == System.Buffers.OperationStatus.Done && written == n;
        }

        int unpadded = ((4 * n) + 2) / 3;
        int padding = (3 - (n % 3)) % 3;
        if (text.Length == unpadded + padding && padding > 0 && text[unpadded..].ContainsAnyExcept('='))
        {
            return false;
        }

        if (text.Length != unpadded && text.Length != unpadded + padding)
        {
            return false;
        }

        ReadOnlySpan<char> body = text[..unpadded];
        foreach (char c in body)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '+' || c == '/'))
            {
                return false;
            }
        }

        Span<char> padded = stackalloc char[unpadded + padding];
        body.CopyTo(padded);
        padded[unpadded..].Fill('=');
        return Convert.TryFromBase64Chars(padded, destination, out int decoded) && decoded == n;
    }

    public static string Describe(ReadOnlySpan<char> text) =>
        text.Length <= 100 ? $"\"{text}\"" : $"\"{text[..100]}...\" ({text.Length} characters)";
}
