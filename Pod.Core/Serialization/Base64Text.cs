namespace Pod.Serialization;

/// <summary>
/// Standard Base64 as @pcd/pod reads and writes bytes values: written without padding; read with or
/// without it, standard alphabet only. Unused low bits in the last character are ignored, as Node does.
/// </summary>
internal static class Base64Text
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        int body = text.Length;
        while (body > 0 && text[body - 1] == '=')
        {
            body--;
        }

        int padding = text.Length - body;
        if (body % 4 == 1 || padding > 2 || (padding > 0 && (body + padding) % 4 != 0))
        {
            return false;
        }

        for (int i = 0; i < body; i++)
        {
            char c = text[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c == '+' || c == '/'))
            {
                return false;
            }
        }

        int missing = (4 - (body % 4)) % 4;
        char[] padded = new char[body + missing];
        text.CopyTo(0, padded, 0, body);
        padded.AsSpan(body).Fill('=');

        // Clear the unused bits of the last character so the decoder never sees a non-canonical form.
        if (missing > 0)
        {
            int last = body - 1;
            int value = Decode6(padded[last]) & (missing == 1 ? 0b111100 : 0b110000);
            padded[last] = Encode6(value);
        }

        bytes = Convert.FromBase64CharArray(padded, 0, padded.Length);
        return true;
    }

    private static int Decode6(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        _ => 63,
    };

    private static char Encode6(int v) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[v];
}
