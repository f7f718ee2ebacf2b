using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Cryptography.Signatures;
using Pod.Serialization;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Pods;

public sealed class PodPropertyTests
{
    private static Arbitrary<(PodEntries Entries, byte[] Key)> Pods =>
        Gen.Zip(PodGenerators.Entries, PodGenerators.KeyBytes, (e, k) => (e, k)).ToArbitrary();

    [Property(MaxTest = 60)]
    public Property Json_RoundTripsAnyPod() =>
        Prop.ForAll(Pods, p =>
        {
            using var key = EdDsaPrivateKey.Import(p.Key);
            SignedPod pod = SignedPod.Sign(p.Entries, key);
            string json = PodJson.Serialize(pod);
            SignedPod back = PodJson.Parse(json);
            return back == pod && back.Verify() && PodJson.Serialize(back) == json
                && back.Entries.Values.SequenceEqual(pod.Entries.Values);
        });

    [Property(MaxTest = 60)]
    public Property MessagePack_RoundTripsAnyPod() =>
        Prop.ForAll(Pods, p =>
        {
            using var key = EdDsaPrivateKey.Import(p.Key);
            SignedPod pod = SignedPod.Sign(p.Entries, key);
            byte[] bytes = PodMessagePack.Serialize(pod);
            SignedPod back = PodMessagePack.Deserialize(bytes);
            return back == pod && back.Verify() && back.Entries.Values.SequenceEqual(pod.Entries.Values)
                && PodMessagePack.Serialize(back).AsSpan().SequenceEqual(bytes);
        });

    [Property(MaxTest = 60)]
    public Property ContentId_IndependentOfEntryOrder() =>
        Prop.ForAll(PodGenerators.EntryList.ToArbitrary(), list =>
        {
            var reversed = Enumerable.Reverse(list).ToList();
            return PodContent.Create(PodEntries.Create(list)).ContentId == PodContent.Create(PodEntries.Create(reversed)).ContentId;
        });

    /// <summary>
    /// The content ID, whose LeanIMT levels go through Poseidon's batch (native when the kernels run),
    /// against the tree built here one managed hash at a time, on PODs of 1 to 300 entries (every level
    /// shape: even, odd with a lone node moving up).
    /// </summary>
    [Property(MaxTest = 40)]
    public Property ContentId_EqualsLeanImtOfManagedHashes() =>
        Prop.ForAll(Gen.Choose(1, 300).SelectMany(n => Gen.ArrayOf(Gen.Choose(int.MinValue, int.MaxValue), n)).ToArbitrary(), values =>
        {
            var entries = PodEntries.Create(values.Select((v, i) => new KeyValuePair<string, PodValue>($"e{i}", PodValue.Int(v))));
            var level = new List<Fr>();
            for (int i = 0; i < entries.Count; i++)
            {
                level.Add(PodNames.Hash(entries.NameAt(i)));
                level.Add(entries.ValueAt(i).Hash);
            }

            while (level.Count > 1)
            {
                level = Enumerable.Range(0, (level.Count + 1) / 2)
                    .Select(i => (2 * i) + 1 < level.Count ? Poseidon.HashManaged([level[2 * i], level[(2 * i) + 1]]) : level[2 * i])
                    .ToList();
            }

            return PodContent.Create(entries).ContentId == level[0];
        });

    [Property(MaxTest = 60)]
    public Property ContentId_ChangesWithAnyEntry()
    {
        var cases = Gen.Zip(PodGenerators.EntryList, PodGenerators.Value, (list, v) => (list, v))
            .SelectMany(c => Gen.Choose(0, c.list.Count - 1).Select(i => (c.list, c.v, i)))
            .ToArbitrary();
        return Prop.ForAll(cases, c =>
        {
            (List<KeyValuePair<string, PodValue>> list, PodValue replacement, int i) = c;
            var changedValue = list.Select((e, j) => j == i ? new KeyValuePair<string, PodValue>(e.Key, replacement) : e).ToList();
            var renamed = list.Select((e, j) => j == i ? new KeyValuePair<string, PodValue>(e.Key + "_x", e.Value) : e).ToList();
            var original = PodContent.Create(PodEntries.Create(list)).ContentId;
            bool sameHash = list[i].Value.Hash == replacement.Hash;
            bool renameCollides = list.Any(e => e.Key == list[i].Key + "_x");
            return (sameHash || PodContent.Create(PodEntries.Create(changedValue)).ContentId != original)
                && (renameCollides || PodContent.Create(PodEntries.Create(renamed)).ContentId != original)
                && (list.Count == 1 || PodContent.Create(PodEntries.Create(list.Where((_, j) => j != i))).ContentId != original);
        });
    }

    [Property(MaxTest = 60)]
    public Property Verify_AnyTampering_ReturnsFalse()
    {
        var cases = Gen.Zip(PodGenerators.Entries, PodGenerators.KeyBytes, (e, k) => (e, k))
            .SelectMany(p => Gen.Zip(PodGenerators.KeyBytes, PodGenerators.Value, (other, v) => (p.e, p.k, other, v)))
            .ToArbitrary();
        return Prop.ForAll(cases, c =>
        {
            using var key = EdDsaPrivateKey.Import(c.k);
            using var otherKey = EdDsaPrivateKey.Import(c.other);
            SignedPod pod = SignedPod.Sign(c.e, key);
            var extra = PodEntries.Create(c.e.Append(new("zz_added_entry", c.v)));
            var otherSigned = SignedPod.Sign(c.e, otherKey);
            return pod.Verify()
                && !SignedPod.Load(extra, pod.Signature, pod.SignerPublicKey).Verify()
                && (otherKey.PublicKey == key.PublicKey || !SignedPod.Load(c.e, pod.Signature, otherKey.PublicKey).Verify())
                && (otherKey.PublicKey == key.PublicKey || !SignedPod.Load(c.e, otherSigned.Signature, pod.SignerPublicKey).Verify());
        });
    }

    [Fact]
    public void MessagePackReader_RandomOrMutatedBytes_ValidPodOrFormatException()
    {
        using var key = EdDsaPrivateKey.Import(new byte[32]);
        byte[] valid = PodMessagePack.Serialize(SignedPod.Sign(PodEntries.Create([new("a", PodValue.Int(5)), new("b", PodValue.String("x"))]), key));
        var inputs = Gen.OneOf(
            PodGenerators.Bytes(200),
            Gen.Zip(Gen.Choose(0, valid.Length - 1), Gen.Choose(0, 255), (i, b) =>
            {
                byte[] copy = (byte[])valid.Clone();
                copy[i] = (byte)b;
                return copy;
            }),
            Gen.Choose(0, valid.Length - 1).Select(n => valid[..n])).ToArbitrary();
        // Runs now, while the disposables above are alive (a [Property] would run after they are disposed).
        Prop.ForAll(inputs, bytes =>
        {
            try
            {
                PodMessagePack.Deserialize(bytes);
                return true;
            }
            catch (FormatException)
            {
                return true;
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void JsonReader_RandomOrMutatedText_ValidPodOrFormatException()
    {
        using var key = EdDsaPrivateKey.Import(new byte[32]);
        string valid = PodJson.Serialize(SignedPod.Sign(PodEntries.Create([new("a", PodValue.Int(5)), new("b", PodValue.Bytes([1, 2]))]), key));
        const string alphabet = "{}[]\":,0123456789abcxyzABC-+.eE \\u\n";
        var inputs = Gen.OneOf(
            Gen.Choose(0, 80).SelectMany(n => Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n)).Select(c => new string(c)),
            Gen.Zip(Gen.Choose(0, valid.Length - 1), Gen.Elements(alphabet.ToCharArray()), (i, ch) => valid[..i] + ch + valid[(i + 1)..]),
            Gen.Choose(0, valid.Length - 1).Select(n => valid[..n])).ToArbitrary();
        // Runs now, while the disposables above are alive (a [Property] would run after they are disposed).
        Prop.ForAll(inputs, text =>
        {
            try
            {
                PodJson.Parse(text);
                return true;
            }
            catch (FormatException)
            {
                return true;
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void SystemTextJson_HoldsPodsAndValuesInUserTypes()
    {
        using var key = EdDsaPrivateKey.Import(new byte[32]);
        SignedPod pod = SignedPod.Sign(PodEntries.Create([new("a", PodValue.Int(5))]), key);
        var envelope = new Envelope(pod, PodValue.Int(7), PodValue.String("s"));

        string json = JsonSerializer.Serialize(envelope);
        Envelope back = JsonSerializer.Deserialize<Envelope>(json)!;

        Assert.Contains(PodJson.Serialize(pod), json, StringComparison.Ordinal);
        Assert.Equal(pod, back.Pod);
        Assert.Equal(PodValue.Int(7), back.Value);
        Assert.Equal(PodValue.String("s"), back.Text);
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Envelope>("{\"Pod\":{\"entries\":[]},\"Value\":1,\"Text\":\"s\"}"));
        Assert.Equal("$.Pod", error.Path);
    }

    private sealed record Envelope(SignedPod Pod, PodValue Value, PodStringValue Text);
}
