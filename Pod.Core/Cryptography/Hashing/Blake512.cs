using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Pod.Cryptography.Hashing;

// BLAKE-512 from J.-P. Aumasson, L. Henzen, W. Meier, R. C.-W. Phan, "SHA-3 proposal BLAKE",
// version 1.3 (2010): the SHA-3 finalist ("BLAKE-1"), not BLAKE2b, which differs in IV, rounds and padding.
// Parameters: 64-bit words, 128-byte blocks, salt fixed to zero, 16 rounds. Version 1.3 raised BLAKE-512
// from the 14 rounds of the original submission (then called BLAKE-64) to 16; the spec's test vectors and
// @zk-kit/eddsa-poseidon 1.1.0 (which hashes private keys with it, algorithm "blake-1") use 16.
// - Initial value: the SHA-512 IV (FIPS 180-4, section 5.3.5), which the BLAKE spec reuses.
// - Constants c0..c15: the first 1024 bits of the fractional part of pi, as listed in the spec.
// - Permutations sigma0..sigma9: as listed in the spec; round r uses sigma(r mod 10).

/// <summary>The BLAKE-512 hash function (the SHA-3 finalist, not BLAKE2b), with a zero salt.</summary>
internal static class Blake512
{
    public const int HashSizeInBytes = 64;

    private const int BlockSizeInBytes = 128;

    private const int Rounds = 16;

    // Bytes needed after the message: the 0x80 marker, the 0x01 marker and a 16-byte length.
    // When only one byte is free before the length (tail of 111 bytes), the two markers share it as 0x81.
    private const int MaxTailInOneBlock = BlockSizeInBytes - 1 - 16;

    private static ReadOnlySpan<ulong> InitialValue =>
    [
        0x6A09E667F3BCC908, 0xBB67AE8584CAA73B, 0x3C6EF372FE94F82B, 0xA54FF53A5F1D36F1,
        0x510E527FADE682D1, 0x9B05688C2B3E6C1F, 0x1F83D9ABFB41BD6B, 0x5BE0CD19137E2179,
    ];

    private static ReadOnlySpan<ulong> Constants =>
    [
        0x243F6A8885A308D3, 0x13198A2E03707344, 0xA4093822299F31D0, 0x082EFA98EC4E6C89,
        0x452821E638D01377, 0xBE5466CF34E90C6C, 0xC0AC29B7C97C50DD, 0x3F84D5B5B5470917,
        0x9216D5D98979FB1B, 0xD1310BA698DFB5AC, 0x2FFD72DBD01ADFB7, 0xB8E1AFED6A267E96,
        0xBA7C9045F12C7F99, 0x24A19947B3916CF7, 0x0801F2E2858EFC16, 0x636920D871574E69,
    ];

    private static ReadOnlySpan<byte> Sigma =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
    ];

    /// <summary>Computes the BLAKE-512 hash of <paramref name="source"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> source)
    {
        var hash = new byte[HashSizeInBytes];
        Hash(source, hash);
        return hash;
    }

    /// <summary>
    /// Writes the BLAKE-512 hash of <paramref name="source"/> to the first <see cref="HashSizeInBytes"/>
    /// bytes of <paramref name="destination"/>. The two may overlap.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64 bytes.</exception>
    public static void Hash(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException(
                $"The destination must be at least {HashSizeInBytes} bytes long, but it is {destination.Length} bytes long.",
                nameof(destination));
        }

        Span<ulong> state = stackalloc ulong[8];
        InitialValue.CopyTo(state);

        // A span holds fewer than 2^31 bytes, so the 128-bit bit counter never needs its high word.
        ulong bitsHashed = 0;
        while (source.Length >= BlockSizeInBytes)
        {
            bitsHashed += BlockSizeInBytes * 8;
            Compress(state, source[..BlockSizeInBytes], bitsHashed);
            source = source[BlockSizeInBytes..];
        }

        // Even an empty tail gets a padding block, so a message that fills whole blocks ends
        // with a block of padding alone.
        int tailLength = source.Length;
        bitsHashed += (ulong)tailLength * 8;
        int paddedLength = tailLength <= MaxTailInOneBlock ? BlockSizeInBytes : 2 * BlockSizeInBytes;

        // The tail may be secret (a private key), and stackalloc memory is only zeroed while the
        // assembly does not skip local initialization, so clear before and after use.
        Span<byte> tail = stackalloc byte[2 * BlockSizeInBytes];
        tail.Clear();
        source.CopyTo(tail);
        tail[tailLength] = 0x80;
        tail[paddedLength - 17] |= 0x01;
        BinaryPrimitives.WriteUInt64BigEndian(tail[(paddedLength - 8)..], bitsHashed);

        // The counter is the number of message bits up to the end of the block, except that a block
        // holding no message bits at all counts zero, as the spec's padding rule requires.
        Compress(state, tail[..BlockSizeInBytes], tailLength == 0 ? 0 : bitsHashed);
        if (paddedLength > BlockSizeInBytes)
        {
            Compress(state, tail[BlockSizeInBytes..], 0);
        }

        CryptographicOperations.ZeroMemory(tail);

        // The source has been read in full by now, so writing here is safe even when the two overlap.
        for (int i = 0; i < state.Length; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination[(8 * i)..], state[i]);
        }

        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(state));
    }

    private static void Compress(Span<ulong> state, ReadOnlySpan<byte> block, ulong counter)
    {
        Span<ulong> m = stackalloc ulong[16];
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = BinaryPrimitives.ReadUInt64BigEndian(block[(8 * i)..]);
        }

        ReadOnlySpan<ulong> c = Constants;
        Span<ulong> v = stackalloc ulong[16];
        state.CopyTo(v);

        // With a zero salt, v8..v11 are the bare constants; the counter's high word is zero,
        // so v14 and v15 are too.
        v[8] = c[0];
        v[9] = c[1];
        v[10] = c[2];
        v[11] = c[3];
        v[12] = counter ^ c[4];
        v[13] = counter ^ c[5];
        v[14] = c[6];
        v[15] = c[7];

        for (int r = 0; r < Rounds; r++)
        {
            ReadOnlySpan<byte> s = Sigma.Slice(r % 10 * 16, 16);

            // Columns, then diagonals; G_i takes message words sigma(2i) and sigma(2i+1),
            // each XORed with the constant of the other index.
            G(ref v[0], ref v[4], ref v[8], ref v[12], m[s[0]] ^ c[s[1]], m[s[1]] ^ c[s[0]]);
            G(ref v[1], ref v[5], ref v[9], ref v[13], m[s[2]] ^ c[s[3]], m[s[3]] ^ c[s[2]]);
            G(ref v[2], ref v[6], ref v[10], ref v[14], m[s[4]] ^ c[s[5]], m[s[5]] ^ c[s[4]]);
            G(ref v[3], ref v[7], ref v[11], ref v[15], m[s[6]] ^ c[s[7]], m[s[7]] ^ c[s[6]]);
            G(ref v[0], ref v[5], ref v[10], ref v[15], m[s[8]] ^ c[s[9]], m[s[9]] ^ c[s[8]]);
            G(ref v[1], ref v[6], ref v[11], ref v[12], m[s[10]] ^ c[s[11]], m[s[11]] ^ c[s[10]]);
            G(ref v[2], ref v[7], ref v[8], ref v[13], m[s[12]] ^ c[s[13]], m[s[13]] ^ c[s[12]]);
            G(ref v[3], ref v[4], ref v[9], ref v[14], m[s[14]] ^ c[s[15]], m[s[15]] ^ c[s[14]]);
        }

        // Finalization h'_i = h_i ^ s_(i mod 4) ^ v_i ^ v_(i+8), with the salt terms vanishing.
        for (int i = 0; i < 8; i++)
        {
            state[i] ^= v[i] ^ v[i + 8];
        }

        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(m));
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(v));
    }

    private static void G(ref ulong a, ref ulong b, ref ulong c, ref ulong d, ulong x, ulong y)
    {
        unchecked
        {
            a = a + b + x;
            d = BitOperations.RotateRight(d ^ a, 32);
            c += d;
            b = BitOperations.RotateRight(b ^ c, 25);
            a = a + b + y;
            d = BitOperations.RotateRight(d ^ a, 16);
            c += d;
            b = BitOperations.RotateRight(b ^ c, 11);
        }
    }
}
