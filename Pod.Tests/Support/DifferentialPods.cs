using System.Numerics;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;

namespace Pod.Tests.Support;

/// <summary>
/// Random PODs for the live differential against <c>@pcd/pod</c>, from a seed: 1 to 64 entries of every value type,
/// weighted to the edges (names that sort differently by ordinal and by culture, JavaScript object members and
/// <c>__proto__</c>, astral and control characters, the int bounds and 2^53, r - 1, dates at the ends of the
/// JavaScript Date range and before 1970, long strings and bytes).
/// </summary>
internal static class DifferentialPods
{
    private const string NameStart = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
    private const string NameRest = NameStart + "0123456789";
    private const long DateLimit = 8_640_000_000_000_000;

    private static readonly string[] NamePool =
        ["a", "A", "b", "B", "_", "__", "_a", "Z", "z", "a_b", "aB", "ab", "a1", "a10", "a9", "__proto__", "constructor", "toString",
         "hasOwnProperty", "valueOf", "length", new string('x', 200)];

    private static readonly string[] TextPool =
        ["", " ", "a", "héllo", "日本語", "😀", "𝄞 music", "e\u0301", "\u0000", "\u2028\u2029", "\uFEFFbom",
         "quote \" backslash \\ newline \n tab \t", "\u001F", "\uFFFF", "</script>", new string('x', 1000)];

    /// <summary>One POD's entries and its signer's private key.</summary>
    internal sealed record Case(PodEntries Entries, byte[] PrivateKey);

    public static Case Build(Random rng)
    {
        var entries = new Dictionary<string, PodValue>(StringComparer.Ordinal);
        int size = rng.Next(4) == 0 ? rng.Next(1, 65) : rng.Next(1, 13);
        while (entries.Count < size)
        {
            entries[Name(rng)] = Value(rng);
        }

        return new Case(PodEntries.Create(entries), Bytes(rng, 32));
    }

    private static string Name(Random rng)
    {
        if (rng.Next(3) == 0)
        {
            return NamePool[rng.Next(NamePool.Length)];
        }

        var name = new char[rng.Next(1, 14)];
        name[0] = NameStart[rng.Next(NameStart.Length)];
        for (int i = 1; i < name.Length; i++)
        {
            name[i] = NameRest[rng.Next(NameRest.Length)];
        }

        return new string(name);
    }

    private static string Text(Random rng)
    {
        if (rng.Next(2) == 0)
        {
            return TextPool[rng.Next(TextPool.Length)];
        }

        var text = new System.Text.StringBuilder();
        for (int i = rng.Next(20); i > 0; i--)
        {
            text.Append(rng.Next(4) switch
            {
                0 => char.ConvertFromUtf32(rng.Next(0x10000, 0x110000)),
                1 => ((char)rng.Next(0x80, 0xD800)).ToString(),
                _ => ((char)rng.Next(0x20, 0x7F)).ToString(),
            });
        }

        return text.ToString();
    }

    private static PodValue Value(Random rng) => rng.Next(8) switch
    {
        0 => PodValue.String(Text(rng)),
        1 => PodValue.Bytes(Bytes(rng, rng.Next(8) == 0 ? rng.Next(400) : rng.Next(40))),
        2 => PodValue.Cryptographic(Pick(rng, BigInteger.Zero, BigInteger.One, Fr.Modulus - 1, Fr.Modulus - 2, BigInteger.One << 64,
            new BigInteger(Bytes(rng, 32), isUnsigned: true) % Fr.Modulus, rng.NextInt64(1L << 40))),
        3 => PodValue.Int(Pick(rng, long.MinValue, long.MaxValue, 0, -1, 1, (1L << 53) + 1, -(1L << 53) - 1, rng.NextInt64(long.MinValue, long.MaxValue), rng.Next(-1000, 1000))),
        4 => PodValue.Boolean(rng.Next(2) == 0),
        5 => PodValue.EdDsaPublicKey(PublicKey(rng)),
        6 => PodValue.Date(Pick(rng, -DateLimit, DateLimit, 0, -1, 1, -DateLimit + 1, -rng.NextInt64(1L << 31) * 1000,
            rng.NextInt64(-DateLimit, DateLimit + 1), rng.NextInt64(4_000_000_000_000))),
        _ => PodValue.Null,
    };

    private static EdDsaPublicKey PublicKey(Random rng)
    {
        using var key = EdDsaPrivateKey.Import(Bytes(rng, 32));
        return key.PublicKey;
    }

    private static T Pick<T>(Random rng, params T[] items) => items[rng.Next(items.Length)];

    private static byte[] Bytes(Random rng, int length)
    {
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        return bytes;
    }
}
