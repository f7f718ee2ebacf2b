using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FsCheck.Fluent;
using Pod.Cryptography;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Reclaim;
using Pod.Issuers.Tls.Sgx;
using Pod.Serialization;
using Pod.Tests.Issuers;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Readers;

/// <summary>
/// Every reader of outside input in the solution, fuzzed with <see cref="ReaderFuzz"/>: a value or its documented
/// exception, nothing else. <see cref="EveryPublicReader_IsFuzzedHere"/> finds the public readers by reflection, so a new
/// one cannot be added without a row here.
/// </summary>
public sealed class ReaderFuzzTests
{
    private static readonly Type[] Never = [];
    private static readonly Type[] Format = [typeof(FormatException)];
    private static readonly Type[] Issuance = [typeof(IssuanceRefusal)];
    private static readonly Type[] Invalid = [typeof(InvalidDataException)];

    /// <summary>The smallest valid WebAssembly module: magic and version, no sections.</summary>
    private static readonly byte[] EmptyWasmModule = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    private static readonly Lazy<JsonObject> ProofVector = new(() => Vectors.Section("gpc-proofs.json", "proofs")
        .OfType<JsonObject>()
        .First(p => p["proof"] is JsonObject && p["revealedClaims"] is JsonObject && p["boundConfig"] is JsonObject
            && p["gpcVerify"] is JsonValue verified && verified.GetValue<bool>()));

    private static readonly Lazy<string> VerificationKey = new(() =>
        Vectors.Load("gpc-vkeys.json")["vkeys"]!.AsObject().First(k => k.Value is JsonObject).Value!.ToJsonString());

    private static readonly Lazy<SemaphoreIdentity> MessageSigner = new(() => SemaphoreIdentity.FromSecretText("reader fuzz"));

    private static readonly Lazy<EdDsaSignature> MessageSignature = new(() => MessageSigner.Value.SignMessage("42"));

    /// <summary>Each reader: its name (Type.Method) and the check that fuzzes it.</summary>
    private static readonly Dictionary<string, Func<ReaderCase>> Readers = new()
    {
        // Pod.Core: fields, keys, signatures, points.
        ["Fr.Parse"] = () => Text(["0", "123", "0x1f", (Fr.Zero - Fr.One).ToString()], s => Fr.Parse(s), Format),
        ["Fr.TryParse"] = () => Text(["0", "123", "0x1f"], s => Fr.TryParse(s, out _), Never),
        ["Fr.FromCanonicalBytes"] = () => Bytes([new byte[32], (Fr.Zero - Fr.One).ToBytes()], b => Fr.FromCanonicalBytes(b), [typeof(ArgumentException)]),
        ["Fr.TryFromCanonicalBytes"] = () => Bytes([new byte[32], (Fr.Zero - Fr.One).ToBytes()], b => Fr.TryFromCanonicalBytes(b, ByteOrder.BigEndian, out _), Never),
        ["Fr.FromBytesReduced"] = () => Bytes([new byte[64], new byte[3]], b => Fr.FromBytesReduced(b), [typeof(ArgumentException)]),
        ["BabyJubJubPoint.Unpack"] = () => Bytes([PackedKey()], b => BabyJubJubPoint.Unpack(b), [typeof(ArgumentException), typeof(CryptographicException)]),
        ["BabyJubJubPoint.TryUnpack"] = () => Bytes([PackedKey()], b => BabyJubJubPoint.TryUnpack(b, out _), Never),
        ["EdDsaPublicKey.FromPacked"] = () => Bytes([PackedKey()], b => EdDsaPublicKey.FromPacked(b), [typeof(ArgumentException), typeof(CryptographicException)]),
        ["EdDsaPublicKey.TryFromPacked"] = () => Bytes([PackedKey()], b => EdDsaPublicKey.TryFromPacked(b, out _), Never),
        ["EdDsaPublicKey.Parse"] = () => Text([Convert.ToBase64String(PackedKey())], s => EdDsaPublicKey.Parse(s), [typeof(FormatException), typeof(CryptographicException)]),
        ["EdDsaPublicKey.TryParse"] = () => Text([Convert.ToHexString(PackedKey())], s => EdDsaPublicKey.TryParse(s, out _), Never),
        ["EdDsaPrivateKey.Import"] = () => Bytes([new byte[32]], b => EdDsaPrivateKey.Import(b).Dispose(), [typeof(ArgumentException)]),
        ["EdDsaPrivateKey.Parse"] = () => Text([Convert.ToBase64String(new byte[32]), Convert.ToHexString(new byte[32])], s => EdDsaPrivateKey.Parse(s).Dispose(), Format),
        ["EdDsaSignature.FromPacked"] = () => Bytes([Signature().ToPacked()], b => EdDsaSignature.FromPacked(b), [typeof(ArgumentException), typeof(CryptographicException)]),
        ["EdDsaSignature.TryFromPacked"] = () => Bytes([Signature().ToPacked()], b => EdDsaSignature.TryFromPacked(b, out _), Never),
        ["EdDsaSignature.Parse"] = () => Text([Signature().ToString()], s => EdDsaSignature.Parse(s), [typeof(FormatException), typeof(CryptographicException)]),
        ["EdDsaSignature.TryParse"] = () => Text([Signature().ToString()], s => EdDsaSignature.TryParse(s, out _), Never),

        // Pod.Core: PODs.
        ["PodJson.Parse"] = () => Text([PodJson.Serialize(Pod())], s => PodJson.Parse(s), Format),
        ["PodJson.ParseValue"] = () => Text(["5", "\"x\"", "{\"cryptographic\":\"0x1\"}", "{\"date\":\"2020-01-01T00:00:00.000Z\"}", "null"], s => PodJson.ParseValue(s), Format),
        ["PodMessagePack.Deserialize"] = () => Bytes([PodMessagePack.Serialize(Pod())], b => PodMessagePack.Deserialize(b), Format),

        // Pod.Identity.
        ["SemaphoreIdentity.FromPrivateKey"] = () => Bytes([new byte[32]], b => Dispose(SemaphoreIdentity.FromPrivateKey(b)), [typeof(ArgumentException)]),
        ["SemaphoreIdentity.FromSecretText"] = () => Text(["secret"], s => Dispose(SemaphoreIdentity.FromSecretText(s)), [typeof(ArgumentException)]),
        ["SemaphoreIdentity.Import"] = () => Text([Convert.ToBase64String(new byte[32])], s => Dispose(SemaphoreIdentity.Import(s)), Format),
        ["SemaphoreV3Identity.FromMessage"] = () => Text(["message"], s => Dispose(SemaphoreV3Identity.FromMessage(s)), [typeof(ArgumentException)]),
        ["SemaphoreV3Identity.Import"] = () => Text(["[\"0x1\",\"0x2\"]", "[\"1\",\"2\"]"], s => Dispose(SemaphoreV3Identity.Import(s)), Format),
        ["SemaphoreIdentity.FromPrivateKey"] = () => Bytes([new byte[32]], b => SemaphoreIdentity.FromPrivateKey(b), [typeof(ArgumentException)]),

        // Pod.Identity: message text, read as JavaScript's BigInt reads it (JsBigInt) or as UTF-8.
        ["SemaphoreIdentity.SignMessage"] = () => Text(["42", "0x2a", " -7 ", "0b101", "hello"], s => MessageSigner.Value.SignMessage(s), [typeof(ArgumentException)]),
        ["SemaphoreIdentity.VerifySignature"] = () => Text(["42", "0x2a", " -7 ", "0o17", "hello"],
            s => SemaphoreIdentity.VerifySignature(s, MessageSignature.Value, MessageSigner.Value.PublicKey), Never),

        // Pod.Gpc.
        ["Groth16Proof.Parse"] = () => Text([ProofVector.Value["proof"]!.ToJsonString()], s => Groth16Proof.Parse(s), Format),
        ["Groth16Proof.TryParse"] = () => Text([ProofVector.Value["proof"]!.ToJsonString()], s => Groth16Proof.TryParse(s, out _), Never),
        ["Groth16VerificationKey.Parse"] = () => Text([VerificationKey.Value], s => Groth16VerificationKey.Parse(s), Format),
        ["GpcJson.ParseProofConfig"] = () => Text([ProofVector.Value["proofConfig"]!.ToJsonString()], s => GpcJson.ParseProofConfig(s), [typeof(FormatException), typeof(GpcConfigException)]),
        ["GpcJson.ParseBoundConfig"] = () => Text([ProofVector.Value["boundConfig"]!.ToJsonString()], s => GpcJson.ParseBoundConfig(s), [typeof(FormatException), typeof(GpcConfigException)]),
        ["GpcJson.ParseRevealedClaims"] = () => Text([ProofVector.Value["revealedClaims"]!.ToJsonString()], s => GpcJson.ParseRevealedClaims(s), [typeof(FormatException), typeof(GpcConfigException)]),
        ["GpcJson.ParseProofRequest"] = () => Text(
            [$"{{\"proofConfig\":{ProofVector.Value["proofConfig"]!.ToJsonString()},\"membershipLists\":{{\"l\":[5,\"x\"]}},\"externalNullifier\":\"e\",\"watermark\":{{\"int\":\"0x1f\"}}}}"],
            s => GpcJson.ParseProofRequest(s), [typeof(FormatException), typeof(GpcConfigException)]),
        ["WitnessFile.Read"] = () => Bytes([WitnessFile.Write([Fr.One, Fr.Zero - Fr.One, Fr.FromUInt64(7)]), WitnessFile.Write([])], b => WitnessFile.Read(b), Invalid),
        ["Groth16ProvingKey.Load"] = () => Bytes([ZkeySeed(complete: false), ZkeySeed(complete: true)], b => Groth16ProvingKey.Load(new MemoryStream(b)), Invalid),

        // Pod.Gpc.Proving: the circuit's wasm (a fresh cache directory, so no fuzzed module is kept).
        ["CircomWitnessCalculator.Load"] = () => Bytes([EmptyWasmModule, [.. EmptyWasmModule, 0x00, 0x01, 0x00]],
            b => CircomWitnessCalculator.Load(b, new CircomWitnessCalculatorOptions { CacheDirectory = null }), Invalid),
        ["CircomWitnessCalculator.ParseInputs"] = () => Text(["{\"a\":[\"0x1f\",\"-5\",[\" 7 \",\"0b11\"]],\"b\":3}", "{\"x\":\"123456789\"}"],
            s => CircomWitnessCalculator.ParseInputs(s), [typeof(ArgumentException)]),
        ["GpcJson.ParseMembershipLists"] = () => Text(["{}", "{\"l\":[5,\"x\"]}", "{\"t\":[[1,2],[3,4]]}"], s => GpcJson.ParseMembershipLists(s), Format),

        // Pod.Issuers.Tls (the internal readers are reached by every /issue request).
        ["ProviderSpec.Parse"] = () => Text([global::Pod.Samples.TlsIssuer.TlsIssuerService.DemoSpec], s => ProviderSpec.Parse(s), Format),
        ["ReclaimClaim.Parse"] = () => Text([ReclaimClaimSeed], s => ReclaimClaim.Parse(s), Issuance),
        ["NotarizedPayload.Parse"] = () => Bytes([NotarizedPayloadSeed()], b => NotarizedPayload.Parse(b), Issuance),
        ["SgxQuote.Parse"] = () => Bytes([TlsSamples.Bytes("sgx/mobilecoin_hw_quote.dat")], b => SgxQuote.Parse(b), Issuance),
        ["SgxCollateral.FromJson"] = () => Text([TlsSamples.Text("sgx/phala_dcap_qvl_sgx_quote_collateral.json")], s => SgxCollateral.FromJson(s), Format),
        ["SgxCollateral.FromIntelPcs"] = () => Text([TlsSamples.Text("sgx/intel_qvl_synthetic/tcbInfo.json")], s => SgxCollateral.FromIntelPcs(s,
            TlsSamples.Text("sgx/intel_qvl_synthetic/qeIdentity.json"), TlsSamples.Text("sgx/intel_qvl_synthetic/tcbSignChain.pem"),
            TlsSamples.Bytes("sgx/intel_qvl_synthetic/rootCaCrl.pem"), TlsSamples.Bytes("sgx/intel_qvl_synthetic/intermediateCaCrl.pem")), Format),
        ["JsonPath.Parse"] = () => Text(["$.a.b", "$.list[0].x", "$['k']"], s => JsonPath.Parse(s), Format),
    };

    private const string ReclaimClaimSeed = """
        {"identifier":"0x01","provider":"http","parameters":"{}","owner":"0x02","timestampS":1700000000,"epoch":1,"context":"{}"}
        """;

    public static TheoryData<string> ReaderNames => [.. Readers.Keys];

    [Theory]
    [MemberData(nameof(ReaderNames))]
    public void Reader_RandomOrMutatedInput_ValueOrDocumentedException(string reader) => Readers[reader]().Fuzz();

    [Theory]
    [MemberData(nameof(ReaderNames))]
    public void Reader_GrowingInput_NothingSlowerThanLinear(string reader) => Readers[reader]().Growth();

    [Fact]
    public void GrowthCheck_QuadraticReader_IsCaught()
    {
        // Scans the rest of the input from every 64th position: n^2/128 character visits.
        static void Quadratic(string s)
        {
            for (int i = 0; i < s.Length; i += 64) _ = s.IndexOf('\u0001', i);
        }

        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ReaderGrowth.Check(ReaderGrowth.Text("{\"a\":1}"), Quadratic));
        Assert.Contains("slower than linear", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GrowthCheck_LinearReader_Passes() =>
        ReaderGrowth.Check(ReaderGrowth.Text("{\"a\":1}"), s => _ = s.Count(c => c == 'a'));

    [Fact]
    public void EveryPublicReader_IsFuzzedHere()
    {
        // Readers are public static methods named Parse…, TryParse…, Deserialize…, Unpack…, Import…, From…, Read… or Load…
        // whose first parameter is text, bytes or a stream, in every library of the solution.
        var readerName = new Regex("^(Try)?(Parse|Deserialize|Unpack|TryUnpack|Import|From|Read|Load)", RegexOptions.CultureInvariant);
        Type[] input = [typeof(string), typeof(ReadOnlySpan<char>), typeof(ReadOnlySpan<byte>), typeof(byte[]), typeof(Stream)];
        Assembly[] assemblies = [typeof(Fr).Assembly, typeof(GpcJson).Assembly, typeof(Pod.Identity.SemaphoreIdentity).Assembly, typeof(ProviderSpec).Assembly,
            typeof(CircomWitnessCalculator).Assembly];
        string[] found = assemblies.SelectMany(a => a.GetExportedTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => readerName.IsMatch(m.Name) && m.GetParameters() is [var first, ..] && input.Contains(first.ParameterType))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .Distinct()
            .ToArray();

        Assert.NotEmpty(found);
        Assert.All(found, name => Assert.True(Readers.ContainsKey(name), $"{name} reads outside input but is not fuzzed in ReaderFuzzTests."));
    }

    [Fact]
    public void RevealedClaims_EmptyMembershipLists_VerifyPreparesOrRefusesWithAConfigError()
    {
        JsonObject claims = ProofVector.Value["revealedClaims"]!.DeepClone().AsObject();
        claims["membershipLists"] = new JsonObject();
        GpcBoundConfig bound = GpcJson.ParseBoundConfig(ProofVector.Value["boundConfig"]!.ToJsonString());

        // No list is named by the config, so no list is needed: the same public signals as without the empty map.
        GpcRevealedClaims parsed = GpcJson.ParseRevealedClaims(claims.ToJsonString());
        GpcRevealedClaims without = GpcJson.ParseRevealedClaims(ProofVector.Value["revealedClaims"]!.ToJsonString());

        Assert.Equal(GpcVerifier.PreVerify(bound, without).PublicSignals, GpcVerifier.PreVerify(bound, parsed).PublicSignals);
    }

    /// <summary>A reader's two properties over the same seeds: fuzzed input, and input grown along every shape.</summary>
    private sealed record ReaderCase(Action Fuzz, Action Growth);

    private static ReaderCase Text(string[] seeds, Action<string> read, Type[] documented) => new(
        () => ReaderFuzz.Check(ReaderFuzz.Text(seeds), read, documented),
        () => ReaderGrowth.Check(seeds.SelectMany((seed, i) => ReaderGrowth.Text(seed).Select(g => ($"seed {i}, {g.Shape}", g.Grow))),
            input => Answer(read, input, documented)));

    private static ReaderCase Bytes(byte[][] seeds, Action<byte[]> read, Type[] documented) => new(
        () => ReaderFuzz.Check(ReaderFuzz.Bytes(seeds), read, documented),
        () => ReaderGrowth.Check(seeds.SelectMany((seed, i) => ReaderGrowth.Bytes(seed).Select(g => ($"seed {i}, {g.Shape}", g.Grow))),
            input => Answer(read, input, documented)));

    /// <summary>Reads; a documented refusal is an answer too (anything else fails the fuzz property, not this one).</summary>
    private static void Answer<T>(Action<T> read, T input, Type[] documented)
    {
        try
        {
            read(input);
        }
        catch (Exception e) when (documented.Any(t => t.IsInstanceOfType(e)))
        {
        }
    }

    private static void Dispose(object value) => (value as IDisposable)?.Dispose();

    private static EdDsaPrivateKey Key() => EdDsaPrivateKey.Import(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static byte[] PackedKey()
    {
        using EdDsaPrivateKey key = Key();
        return key.PublicKey.ToPacked();
    }

    private static EdDsaSignature Signature() => Pod().Signature;

    private static SignedPod Pod()
    {
        using EdDsaPrivateKey key = Key();
        return SignedPod.Sign(PodEntries.Create([new("a", PodValue.Int(5)), new("b", PodValue.String("x")), new("c", PodValue.Bytes([1, 2]))]), key);
    }

    /// <summary>
    /// The start of a Groth16 zkey as snarkjs writes it: magic, version, section count, the header section (protocol 1)
    /// and the Groth16 header's field sizes and moduli; <paramref name="complete"/> adds the sizes and a zero point block,
    /// so mutations reach the reader's checks of the counts and the curve points.
    /// </summary>
    private static byte[] ZkeySeed(bool complete)
    {
        byte[] Le(System.Numerics.BigInteger v) => v.ToByteArray(isUnsigned: true).Concat(new byte[32]).Take(32).ToArray();
        var q = System.Numerics.BigInteger.Parse("21888242871839275222246405745257447501244267302357592185766217516064946845271", System.Globalization.CultureInfo.InvariantCulture);
        var r = System.Numerics.BigInteger.Parse("21888242871839275222246405745257447501097394541475917622632474452000000000001", System.Globalization.CultureInfo.InvariantCulture);
        byte[] groth16 = [.. BitConverter.GetBytes(32u), .. Le(q), .. BitConverter.GetBytes(32u), .. Le(r),
            .. complete ? (byte[])[.. BitConverter.GetBytes(4u), .. BitConverter.GetBytes(1u), .. BitConverter.GetBytes(4u), .. new byte[64 * 3 + 128 * 2]] : []];
        byte[] Section(uint id, byte[] data) => [.. BitConverter.GetBytes(id), .. BitConverter.GetBytes((ulong)data.Length), .. data];
        return [.. "zkey"u8, .. BitConverter.GetBytes(1u), .. BitConverter.GetBytes(2u), .. Section(1, BitConverter.GetBytes(1u)), .. Section(2, groth16)];
    }

    private static byte[] NotarizedPayloadSeed()
    {
        using EdDsaPrivateKey key = Key();
        return IssuerHarness.Payload(Convert.ToBase64String(new byte[32]).TrimEnd('='), key.PublicKey.ToString(), IssuerHarness.Start, IssuerHarness.Response());
    }
}
