using System.Numerics;
using System.Text.Json.Nodes;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Gpc;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Gpc;

[Trait("Category", Vectors.Trait)]
public sealed class Groth16Tests
{
    private const string ProofsFile = "gpc-proofs.json";
    private const string KeysFile = "gpc-vkeys.json";

    private static readonly Dictionary<string, Groth16VerificationKey> Keys = [];

    public static TheoryData<int> Proofs => Vectors.Indices(ProofsFile, "proofs");

    public static TheoryData<int, int> TamperedCases
    {
        get
        {
            var data = new TheoryData<int, int>();
            var proofs = Vectors.Section(ProofsFile, "proofs");
            for (int i = 0; i < proofs.Count; i++)
            {
                for (int j = 0; j < proofs[i]!["tampered"]!.AsArray().Count; j++)
                {
                    data.Add(i, j);
                }
            }

            return data;
        }
    }

    private static Groth16VerificationKey? Key(string circuit)
    {
        lock (Keys)
        {
            if (!Keys.TryGetValue(circuit, out Groth16VerificationKey? key))
            {
                JsonNode? json = Vectors.Load(KeysFile)["vkeys"]![circuit];
                if (json is null)
                {
                    return null;
                }

                key = Groth16VerificationKey.Parse(json.ToJsonString());
                Keys[circuit] = key;
            }

            return key;
        }
    }

    /// <summary>Signals as the circuit sees them: every value reduced mod r (negative ones included).</summary>
    private static Fr[] Signals(JsonNode signals) =>
        signals.AsArray().Select(s => Fr.FromBigIntegerReduced(BigInteger.Parse(s!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture))).ToArray();

    [Theory]
    [MemberData(nameof(Proofs))]
    public void Verify_ProofMadeByPcdGpc_Verifies(int index)
    {
        var item = Vectors.Item(ProofsFile, index, "proofs");
        Groth16VerificationKey key = Key(item.Str("circuitIdentifier"))!;
        Groth16Proof proof = Groth16Proof.Parse(item["proof"]!.ToJsonString());
        Fr[] signals = Signals(item["publicSignals"]!);

        Assert.True(item["rawSnarkjs"]!["verifyRecordedPublicSignals"]!.GetValue<bool>());
        Assert.True(Groth16.Verify(key, proof, signals));

        signals[0] += Fr.One;
        Assert.False(Groth16.Verify(key, proof, signals));
        Assert.False(Groth16.Verify(key, proof, signals[1..]));
    }

    [Theory]
    [MemberData(nameof(Proofs))]
    public void Verify_PreparedKey_AgreesWithFourPlainPairings(int index)
    {
        // The verifier's prepared path (gamma's and delta's stored lines, e(alpha, beta) precomputed) against the
        // textbook product of four unprepared pairings, on the proof as made and on tampered copies.
        var item = Vectors.Item(ProofsFile, index, "proofs");
        Groth16VerificationKey key = Key(item.Str("circuitIdentifier"))!;
        Groth16Proof proof = Groth16Proof.Parse(item["proof"]!.ToJsonString());
        Fr[] signals = Signals(item["publicSignals"]!);
        bool Plain(Groth16Proof p, Fr[] s) => Pairing.ProductIsOne(
            [p.A.Negate(), key.Alpha, Groth16.PublicInputPoint(key, s), p.C], [p.B, key.Beta, key.Gamma, key.Delta]);

        Assert.True(Plain(proof, signals));
        Assert.True(Groth16.Verify(key, proof, signals));

        CurvePoint<Fq> g1 = Bn254Curve.G1Generator;
        CurvePoint<Fq> shiftedA = JacobianPoint<Fq>.AddAffine(proof.A.ToJacobian(), g1).ToAffine();
        CurvePoint<Fq2> doubledB = JacobianPoint<Fq2>.Double(proof.B.ToJacobian()).ToAffine();
        Groth16Proof[] tampered = [new(shiftedA, proof.B, proof.C), new(proof.A, doubledB, proof.C), new(proof.C, proof.B, proof.A)];
        foreach (Groth16Proof bad in tampered)
        {
            Assert.False(Plain(bad, signals));
            Assert.False(Groth16.Verify(key, bad, signals));
        }

        signals[^1] -= Fr.One;
        Assert.False(Plain(proof, signals));
        Assert.False(Groth16.Verify(key, proof, signals));
    }

    [Theory]
    [MemberData(nameof(Proofs))]
    public void PublicInputPoint_NativeAndManaged_AgreeWithTheTextbookSum(int index)
    {
        // vk_x from the key's precomputed multiples, on the native kernel (when loaded) and on the managed code,
        // against IC_0 + sum s_i IC_i by double-and-add, on the proof's signals and on edge signals in their place.
        var item = Vectors.Item(ProofsFile, index, "proofs");
        Groth16VerificationKey key = Key(item.Str("circuitIdentifier"))!;
        Fr[] signals = Signals(item["publicSignals"]!);
        Fr[] edges = [.. signals.Select((s, i) => (i % 5) switch
        {
            0 => Fr.Zero,
            1 => Fr.One,
            2 => Fr.Negate(Fr.One),
            3 => Fr.Negate(Fr.FromUInt64(2)),
            _ => signals[0],
        })];
        foreach (Fr[] s in (Fr[][])[signals, edges])
        {
            JacobianPoint<Fq> textbook = key.Ic[0].ToJacobian();
            for (int i = 0; i < s.Length; i++)
            {
                textbook = JacobianPoint<Fq>.Add(textbook, JacobianPoint<Fq>.Multiply(key.Ic[i + 1].ToJacobian(), s[i].ToBigInteger()));
            }

            Assert.Equal(textbook.ToAffine(), Groth16.PublicInputPoint(key, s, native: null));
            Assert.Equal(textbook.ToAffine(), Groth16.PublicInputPoint(key, s));
        }
    }

    [Theory]
    [MemberData(nameof(Proofs))]
    public void Verify_QuirkNegativeSignals_VerifyOnceReducedModR(int index)
    {
        var item = Vectors.Item(ProofsFile, index, "proofs");
        if (item["verifierPublicSignals"] is not { } verifierSignals)
        {
            return; // only the quirk cases carry the signals gpcVerify handed snarkjs
        }

        // The reference passes a negative watermark / external nullifier unreduced and answers false for
        // this valid proof; reduced mod r, as the circuit reduces them, it verifies.
        Assert.False(item["gpcVerify"]!.GetValue<bool>());
        Assert.Contains(verifierSignals.AsArray(), s => s!.GetValue<string>().StartsWith('-'));
        Groth16VerificationKey key = Key(item.Str("circuitIdentifier"))!;
        Assert.True(Groth16.Verify(key, Groth16Proof.Parse(item["proof"]!.ToJsonString()), Signals(verifierSignals)));
    }

    [Theory]
    [MemberData(nameof(TamperedCases))]
    public void Verify_TamperedVariant_Rejected(int index, int variant)
    {
        var item = Vectors.Item(ProofsFile, index, "proofs");
        var tampered = item["tampered"]![variant]!;
        Assert.False(tampered["gpcVerify"]!.GetValue<bool>());

        string circuit = tampered["boundConfig"]?["circuitIdentifier"]?.GetValue<string>() ?? item.Str("circuitIdentifier");
        Groth16VerificationKey? key = Key(circuit);
        if (key is null || tampered["publicSignals"] is not { } signals)
        {
            Assert.False(tampered["snarkjsVerifyCalled"]?.GetValue<bool>() ?? false);
            return;
        }

        // A proof whose points are off the curve or outside the subgroup is refused when read.
        string proofJson = (tampered["proof"] ?? item["proof"])!.ToJsonString();
        if (!Groth16Proof.TryParse(proofJson, out Groth16Proof? proof))
        {
            Assert.Throws<FormatException>(() => Groth16Proof.Parse(proofJson));
            return;
        }

        Assert.False(Groth16.Verify(key, proof!, Signals(signals)));
    }

    [Theory]
    [MemberData(nameof(Proofs))]
    public void VerifyText_ValidOrMalformedInput_TrueOrFalseNeverThrows(int index)
    {
        var item = Vectors.Item(ProofsFile, index, "proofs");
        Groth16VerificationKey key = Key(item.Str("circuitIdentifier"))!;
        string proof = item["proof"]!.ToJsonString();
        string[] signals = item["publicSignals"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray();
        if (signals.Any(s => s.StartsWith('-')))
        {
            return; // snarkjs's text form refuses negative signals (Verify_QuirkNegativeSignals_VerifyOnceReducedModR)
        }

        Assert.True(Groth16.Verify(key, proof, signals));
        Assert.False(Groth16.Verify(key, null, signals));
        Assert.False(Groth16.Verify(key, "{", signals));
        Assert.False(Groth16.Verify(key, proof, null));
        Assert.False(Groth16.Verify(key, proof, signals[1..]));
        Assert.False(Groth16.Verify(key, proof, [.. signals[..^1], "-1"]));
        Assert.False(Groth16.Verify(key, proof, [.. signals[..^1], Fr.Modulus.ToString()]));
        Assert.False(Groth16.Verify(key, proof, [.. signals[..^1], "0x1"]));
        Assert.False(Groth16.Verify(key, proof, [.. signals[..^1], null]));
    }

    [Fact]
    public void Keys_AllParseWithTheirSignalCounts()
    {
        var vkeys = Vectors.Load(KeysFile)["vkeys"]!.AsObject();
        Assert.NotEmpty(vkeys);
        foreach (var (circuit, json) in vkeys)
        {
            Groth16VerificationKey key = Key(circuit)!;
            Assert.Equal(json!["nPublic"]!.GetValue<int>(), key.PublicSignalCount);
        }
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("{\"pi_a\":[\"1\",\"2\"],\"pi_b\":[],\"pi_c\":[]}")]
    [InlineData("{\"pi_a\":[\"1\",\"3\",\"1\"],\"pi_b\":[[\"0\",\"0\"],[\"1\",\"0\"],[\"0\",\"0\"]],\"pi_c\":[\"1\",\"2\",\"1\"]}")]
    [InlineData("{\"pi_a\":[\"-1\",\"2\",\"1\"],\"pi_b\":[[\"0\",\"0\"],[\"1\",\"0\"],[\"0\",\"0\"]],\"pi_c\":[\"1\",\"2\",\"1\"]}")]
    [InlineData("{\"pi_a\":[\"21888242871839275222246405745257275088696311157297823662689037894645226208584\",\"2\",\"1\"],\"pi_b\":[[\"0\",\"0\"],[\"1\",\"0\"],[\"0\",\"0\"]],\"pi_c\":[\"1\",\"2\",\"1\"]}")]
    [InlineData("not json")]
    public void Parse_MalformedProof_ThrowsFormatException(string json)
    {
        Assert.Throws<FormatException>(() => Groth16Proof.Parse(json));
        Assert.False(Groth16Proof.TryParse(json, out _));
    }
}
