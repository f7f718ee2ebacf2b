using FsCheck;
using FsCheck.Fluent;

namespace Pod.Tests.Support;

/// <summary>
/// The one property every public reader has: random input, and valid input mutated (a character or byte replaced,
/// inserted or deleted, a prefix, a splice of a troublesome token such as an escaped lone surrogate or a huge number),
/// gives a value or one of the reader's documented exceptions, never anything else.
/// </summary>
internal static class ReaderFuzz
{
    /// <summary>How many inputs each reader is given.</summary>
    public const int Runs = 1500;

    // What breaks readers that trust System.Text.Json or number parsing: escaped lone surrogates and invalid escapes,
    // empty and nested containers, huge and odd numbers, duplicate keys, control characters.
    private static readonly string[] Tokens =
    [
        "\"\\ud800\"", "\"\\udfff\"", "\"\\ud800x\"", "\\ud800", "\\u00", "\\x", "{}", "[]", "[[[[[[", "null", "true", "\"\"",
        "1e999", "-0", "0x", "99999999999999999999999999999999999999999999999999999999999999999999999999999", "-1", "1.5",
        "\"a\":1,\"a\":2", "\u0000", "\uFEFF", "\ud800", "\"=\"", "\"AAAA\"",
    ];

    private const string Alphabet = "{}[]\":,0123456789abcdefxyzABC-+.eE \\u\n=/_";

    /// <summary>Text inputs derived from the seeds.</summary>
    public static Gen<string> Text(IReadOnlyList<string> seeds)
    {
        Gen<string> seed = Gen.Elements(seeds.ToArray());
        Gen<char> ch = Gen.Elements(Alphabet.ToCharArray());
        return Gen.OneOf(
            Gen.Choose(0, 80).SelectMany(n => Gen.ArrayOf(ch, n)).Select(c => new string(c)),
            Gen.Elements(Tokens),
            from s in seed from i in Gen.Choose(0, Math.Max(0, s.Length - 1)) from c in ch
            select s.Length == 0 ? c.ToString() : s[..i] + c + s[(i + 1)..],
            from s in seed from i in Gen.Choose(0, s.Length) from c in ch select s[..i] + c + s[i..],
            from s in seed from i in Gen.Choose(0, Math.Max(0, s.Length - 1)) select s.Length == 0 ? s : s[..i] + s[(i + 1)..],
            from s in seed from i in Gen.Choose(0, s.Length) select s[..i],
            from s in seed from i in Gen.Choose(0, s.Length) from j in Gen.Choose(0, 40) from t in Gen.Elements(Tokens)
            select s[..i] + t + s[Math.Min(s.Length, i + j)..]);
    }

    /// <summary>Byte inputs derived from the seeds.</summary>
    public static Gen<byte[]> Bytes(IReadOnlyList<byte[]> seeds)
    {
        Gen<byte[]> seed = Gen.Elements(seeds.ToArray());
        Gen<byte> b = Gen.Choose(0, 255).Select(i => (byte)i);
        return Gen.OneOf(
            Gen.Choose(0, 200).SelectMany(n => Gen.ArrayOf(b, n)),
            from s in seed from i in Gen.Choose(0, Math.Max(0, s.Length - 1)) from v in Gen.Choose(0, 255)
            select s.Length == 0 ? [(byte)v] : (byte[])[.. s[..i], (byte)v, .. s[(i + 1)..]],
            from s in seed from i in Gen.Choose(0, s.Length) from v in Gen.Choose(0, 255) select (byte[])[.. s[..i], (byte)v, .. s[i..]],
            from s in seed from i in Gen.Choose(0, s.Length) select s[..i],
            Text(seeds.Select(s => System.Text.Encoding.UTF8.GetString(s)).ToArray()).Select(t => System.Text.Encoding.UTF8.GetBytes(t)));
    }

    /// <summary>Checks the property: every input read gives a value or an exception of a documented type.</summary>
    public static void Check<T>(Gen<T> inputs, Action<T> read, IReadOnlyList<Type> documented)
    {
        Prop.ForAll(inputs.ToArbitrary(), input =>
        {
            try
            {
                read(input);
            }
            catch (Exception e) when (documented.Any(t => t.IsInstanceOfType(e)))
            {
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Runs));
    }
}
