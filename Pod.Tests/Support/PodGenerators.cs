using FsCheck;
using FsCheck.Fluent;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Signatures;

namespace Pod.Tests.Support;

/// <summary>FsCheck generators for POD values of every type, entry sets and keys.</summary>
internal static class PodGenerators
{
    private static readonly Gen<char> NameStart = Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_".ToCharArray());
    private static readonly Gen<char> NameRest = Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789".ToCharArray());

    public static Gen<string> Name =>
        from first in NameStart
        from rest in Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(NameRest, n))
        select first + new string(rest);

    public static Gen<byte[]> Bytes(int max) => Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

    private static Gen<string> Text =>
        Gen.OneOf(
            Gen.Elements("", "a", "héllo", "日本語", "emoji 🎟️", "quote \" backslash \\ newline \n tab \t", "\u0001\u001f", "\u2028"),
            ArbMap.Default.ArbFor<string>().Generator.Where(s => s is not null && !s.Any(char.IsSurrogate)));

    private static Gen<long> Long =>
        Gen.OneOf(
            Gen.Elements(0L, 1L, -1L, long.MinValue, long.MaxValue, 9007199254740991L, 9007199254740992L, -9007199254740992L),
            ArbMap.Default.ArbFor<long>().Generator);

    private static Gen<PodValue> PublicKeyValue =>
        Generators.Below(BabyJubJub.SubgroupOrder - 1, Generators.EdgeValues)
            .Select(k => (PodValue)PodValue.EdDsaPublicKey(EdDsaPublicKey.FromPoint(BabyJubJub.MultiplyBase8(k + 1))));

    public static Gen<PodValue> Value => Gen.OneOf(
        Text.Select(s => (PodValue)PodValue.String(s)),
        Bytes(40).Select(b => (PodValue)PodValue.Bytes(b)),
        Generators.FrInteger.Select(v => (PodValue)PodValue.Cryptographic(v)),
        Long.Select(v => (PodValue)PodValue.Int(v)),
        Gen.Elements(true, false).Select(v => (PodValue)PodValue.Boolean(v)),
        PublicKeyValue,
        Gen.Choose(-1000, 1000).Select(d => (PodValue)PodValue.Date((long)d * 8_640_000_000_000)),
        Gen.Constant((PodValue)PodValue.Null));

    public static Gen<List<KeyValuePair<string, PodValue>>> EntryList =>
        Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(Gen.Zip(Name, Value, (k, v) => new KeyValuePair<string, PodValue>(k, v)), n))
            .Select(list => list.DistinctBy(e => e.Key, StringComparer.Ordinal).ToList());

    public static Gen<PodEntries> Entries => EntryList.Select(PodEntries.Create);

    public static Gen<byte[]> KeyBytes => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 32);
}
