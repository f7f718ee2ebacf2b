using System.Security.Cryptography;
using System.Text;
using Pod.Cryptography;
using Pod.Cryptography.Fields;

namespace Pod;

/// <summary>The hashes @pcd/pod gives names and values (podNameHash, podBytesHash, podStringHash).</summary>
internal static class PodValueHashing
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>SHA-256 of the bytes, shifted right 8 bits so it fits the field (248 bits).</summary>
    public static Fr BytesHash(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, digest);

        // Big-endian digest >> 8 = the first 31 bytes, big-endian.
        return Fr.FromBytesReduced(digest[..31], ByteOrder.BigEndian);
    }

    /// <summary>The bytes hash of the UTF-8 text; the text must be well-formed UTF-16.</summary>
    public static Fr StringHash(string text)
    {
        int length = StrictUtf8.GetByteCount(text);
        byte[]? rented = null;
        Span<byte> utf8 = length <= 512 ? stackalloc byte[length] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length));
        try
        {
            int written = StrictUtf8.GetBytes(text, utf8);
            return BytesHash(utf8[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>True when the text has no lone UTF-16 surrogate (so its UTF-8 form is exact).</summary>
    public static bool IsWellFormed(string text) => !text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') || Utf16IsValid(text);

    private static bool Utf16IsValid(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
