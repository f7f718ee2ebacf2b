using System.Text;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Pod.Cryptography.Signatures;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Reclaim;
using Pod.Issuers.Tls.Storage;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Issuers;

public sealed class ReclaimVerifierTests
{
    private const string ReclaimAttestor = "0x244897572368eadf65bfbc5aec98d8e5443a9072";

    public static TheoryData<string, string> ValidProofs => new()
    {
        { "reclaim_proof_kaggle_2024.json", "0xc6956f125ddd0ead0aa685dd32220fd5fbf1b3b66de601027d0674a0707da53e" },
        { "reclaim_proof_kaggle_2026.json", "0xbb5c63656a650276728d3cb9ce3f90361223c7814fd94f6582b682dfc96e4ba8" },
        { "reclaim_proof_zkfetch_coingecko_2025.json", "0x5ecb7fed5a589b5d6babcf5cc6134b6323eb2b201a3d2a40c2318b6dc8ad8403" },
    };

    private static string Proof(string file) => TlsSamples.Text($"reclaim/{file}");

    [Fact]
    public void Keccak256_KnownAnswers_NotSha3()
    {
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Convert.ToHexStringLower(EthereumSignatures.Keccak256([])));
        Assert.Equal("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45", Convert.ToHexStringLower(EthereumSignatures.Keccak256("abc"u8)));
    }

    [Theory]
    [MemberData(nameof(ValidProofs))]
    public void VerifyProof_RealProof_RecoversTheReclaimAttestor(string file, string identifier)
    {
        (ReclaimClaim claim, string[] signers, byte[] digest) = new ReclaimVerifier([ReclaimAttestor]).VerifyProof(Proof(file));
        Assert.Equal(identifier, claim.Identifier);
        Assert.Equal([ReclaimAttestor], signers);
        Assert.Equal(32, digest.Length);
    }

    [Fact]
    public void VerifyProof_InvalidSample_ReclaimIdentifierMismatch() =>
        Assert.Equal(TlsIssuanceError.ReclaimIdentifierMismatch,
            Assert.Throws<IssuanceRefusal>(() => new ReclaimVerifier([ReclaimAttestor]).VerifyProof(Proof("reclaim_proof_kaggle_2024_INVALID.json"))).Code);

    [Theory]
    [MemberData(nameof(ValidProofs))]
    public void VerifyProof_MutatedContext_ReclaimIdentifierMismatch(string file, string identifier)
    {
        JsonObject proof = JsonNode.Parse(Proof(file))!.AsObject();
        JsonObject context = JsonNode.Parse(proof["claimData"]!["context"]!.GetValue<string>())!.AsObject();
        context["providerHash"] = "0x" + new string('0', 64);
        proof["claimData"]!["context"] = context.ToJsonString();

        var e = Assert.Throws<IssuanceRefusal>(() => new ReclaimVerifier([ReclaimAttestor]).VerifyProof(proof.ToJsonString()));
        Assert.Equal(TlsIssuanceError.ReclaimIdentifierMismatch, e.Code);
        Assert.DoesNotContain(identifier, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void VerifyProof_OwnerChanged_SignerNoLongerTrusted()
    {
        JsonObject proof = JsonNode.Parse(Proof("reclaim_proof_kaggle_2024.json"))!.AsObject();
        proof["claimData"]!["owner"] = "0x0000000000000000000000000000000000000001";
        Assert.Equal(TlsIssuanceError.AttestorNotTrusted,
            Assert.Throws<IssuanceRefusal>(() => new ReclaimVerifier([ReclaimAttestor]).VerifyProof(proof.ToJsonString())).Code);
    }

    [Fact]
    public void VerifyProof_UntrustedOrBelowThreshold_AttestorNotTrusted()
    {
        string other = "0x" + new string('1', 40);
        Assert.Equal(TlsIssuanceError.AttestorNotTrusted,
            Assert.Throws<IssuanceRefusal>(() => new ReclaimVerifier([other]).VerifyProof(Proof("reclaim_proof_kaggle_2024.json"))).Code);
        Assert.Equal(TlsIssuanceError.AttestorNotTrusted,
            Assert.Throws<IssuanceRefusal>(() => new ReclaimVerifier([ReclaimAttestor, other], threshold: 2).VerifyProof(Proof("reclaim_proof_kaggle_2024.json"))).Code);
    }

    [Fact]
    public void VerifyProof_HighS_PayloadSignatureInvalid()
    {
        JsonObject proof = JsonNode.Parse(Proof("reclaim_proof_kaggle_2024.json"))!.AsObject();
        byte[] sig = Convert.FromHexString(proof["signatures"]![0]!.GetValue<string>()[2..]);
        X9ECParameters curve = SecNamedCurves.GetByName("secp256k1");
        byte[] highS = curve.N.Subtract(new BigInteger(1, sig[32..64])).ToByteArrayUnsigned();
        byte[] flipped = [.. sig[..32], .. new byte[32 - highS.Length], .. highS, (byte)(sig[64] == 27 ? 28 : 27)];
        proof["signatures"] = new JsonArray("0x" + Convert.ToHexStringLower(flipped));
        Assert.Equal(TlsIssuanceError.PayloadSignatureInvalid,
            Assert.Throws<IssuanceRefusal>(() => new ReclaimVerifier([ReclaimAttestor]).VerifyProof(proof.ToJsonString())).Code);
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Equal("trustedAttestors", Assert.Throws<ArgumentException>(() => new ReclaimVerifier(["0x12"])).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new ReclaimVerifier([ReclaimAttestor], 2)).ParamName);
    }

    [Fact]
    public async Task Issue_ReclaimProofBindingNonceAndOwner_PodIssuedAndRetryGetsTheSamePod()
    {
        const string spec = """
            { "id": "kyc.reclaim.v1", "evidence": ["reclaim-v1"],
              "request": { "method": "GET", "url": "^https://kyc\\.example\\.com/v1/me$", "status": [200] },
              "claims": [ { "entry": "nationality", "path": "$.country", "type": "string", "required": true } ],
              "uid": { "inputs": ["$.country", "$.document"] },
              "reclaim_provider_hashes": ["0x1111111111111111111111111111111111111111111111111111111111111111"] }
            """;
        byte[] attestorKey = Enumerable.Repeat((byte)7, 32).ToArray();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        using var issuerKey = EdDsaPrivateKey.Generate();
        var options = new TlsIssuerOptions { IssuerKey = issuerKey, UidKey = new byte[32] };
        options.Providers.Add(ProviderSpec.Parse(spec));
        var store = new InMemoryTlsIssuerStore();
        using var issuer = new TlsPodIssuer(options, store, [new ReclaimVerifier([AddressOf(attestorKey)])], time);
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        NonceGrant grant = await issuer.CreateNonceAsync();

        string context = new JsonObject
        {
            ["contextAddress"] = "0x0",
            ["contextMessage"] = new JsonObject { ["nonce"] = grant.Nonce, ["owner"] = owner.PublicKey.ToString() }.ToJsonString(),
            ["extractedParameters"] = new JsonObject { ["country"] = "NL", ["document"] = "P1234" },
            ["providerHash"] = "0x" + new string('1', 64),
        }.ToJsonString();
        string proof = SignProof(attestorKey, """{"method":"GET","url":"https://kyc.example.com/v1/me"}""", context, time.Now.ToUnixTimeSeconds());
        var request = new TlsIssuanceRequest("kyc.reclaim.v1", Encoding.UTF8.GetBytes(context), new ReclaimEvidence(proof), owner.PublicKey.ToString());

        TlsIssuanceResult result = await issuer.IssueAsync(request);

        Assert.True(result.Succeeded, result.ToString());
        Assert.True(result.Pod.Verify());
        Assert.True(owner.Owns(result.Pod.Entries["owner"]));
        Assert.Equal(PodValue.String("NL"), result.Pod.Entries["nationality"]);
        Assert.Equal(PodValue.String("reclaim-v1"), result.Pod.Entries["attestation_kind"]);
        Assert.Equal(result.Pod.Signature, (await issuer.IssueAsync(request)).Pod?.Signature); // a retry: the same POD, not a second
        Assert.Equal(TlsIssuanceError.MalformedRequest, (await issuer.IssueAsync(request with { SignedPayload = "{}"u8.ToArray() })).Error);
        Assert.Equal(new TlsIssuerStoreCounts(1, 1, 1, 1), await store.GetCountsAsync(default));
    }

    [Fact]
    public async Task Issue_RealProofWithoutNonceInContext_MalformedRequest()
    {
        string proof = Proof("reclaim_proof_zkfetch_coingecko_2025.json");
        string spec = $$"""
            { "id": "price.coingecko.v1", "evidence": ["reclaim-v1"],
              "request": { "method": "GET", "url": "^https://api\\.coingecko\\.com/.*$", "status": [200] },
              "claims": [ { "entry": "price", "path": "$.price", "type": "string" } ],
              "uid": { "inputs": ["$.price"] },
              "reclaim_provider_hashes": ["0x5dbe58ad866070178af5c86d8caac49014934f9499a5ebd9599961325bfc347d"] }
            """;
        using var issuerKey = EdDsaPrivateKey.Generate();
        var options = new TlsIssuerOptions { IssuerKey = issuerKey, UidKey = new byte[32] };
        options.Providers.Add(ProviderSpec.Parse(spec));
        using var issuer = new TlsPodIssuer(options, new InMemoryTlsIssuerStore(), [new ReclaimVerifier([ReclaimAttestor])], new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1752056698)));
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        string context = JsonNode.Parse(proof)!["claimData"]!["context"]!.GetValue<string>();

        TlsIssuanceResult result = await issuer.IssueAsync(new TlsIssuanceRequest("price.coingecko.v1", Encoding.UTF8.GetBytes(context), new ReclaimEvidence(proof), owner.PublicKey.ToString()));

        Assert.Equal(TlsIssuanceError.MalformedRequest, result.Error);
    }

    private static string AddressOf(byte[] privateKey)
    {
        X9ECParameters curve = SecNamedCurves.GetByName("secp256k1");
        return EthereumSignatures.AddressOf(curve.G.Multiply(new BigInteger(1, privateKey)).Normalize().GetEncoded(false));
    }

    /// <summary>A Reclaim proof signed like an attestor: identifier over provider, parameters and canonical context; EIP-191 signature.</summary>
    private static string SignProof(byte[] privateKey, string parameters, string context, long timestampS)
    {
        string identifier = "0x" + Convert.ToHexStringLower(EthereumSignatures.Keccak256(Encoding.UTF8.GetBytes(
            $"http\n{parameters}\n{Encoding.UTF8.GetString(CanonicalJson.Serialize(JsonNode.Parse(context)!))}")));
        const string claimOwner = "0x381994d6b9b08c3e7cfe3a4cd544c85101b8f201";
        byte[] hash = EthereumSignatures.PersonalMessageHash($"{identifier}\n{claimOwner}\n{timestampS}\n1");
        X9ECParameters curve = SecNamedCurves.GetByName("secp256k1");
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(new BigInteger(1, privateKey), new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H)));
        BigInteger[] rs = signer.GenerateSignature(hash);
        BigInteger s = rs[1].CompareTo(curve.N.ShiftRight(1)) > 0 ? curve.N.Subtract(rs[1]) : rs[1];
        byte[] r32 = rs[0].ToByteArrayUnsigned(), s32 = s.ToByteArrayUnsigned();
        byte[] body = [.. new byte[32 - r32.Length], .. r32, .. new byte[32 - s32.Length], .. s32];
        string address = AddressOf(privateKey);
        byte v = EthereumSignatures.RecoverAddress(hash, [.. body, 27]) == address ? (byte)27 : (byte)28;
        return new JsonObject
        {
            ["identifier"] = identifier,
            ["claimData"] = new JsonObject
            {
                ["provider"] = "http", ["parameters"] = parameters, ["owner"] = claimOwner, ["timestampS"] = timestampS,
                ["context"] = context, ["identifier"] = identifier, ["epoch"] = 1,
            },
            ["signatures"] = new JsonArray("0x" + Convert.ToHexStringLower([.. body, v])),
            ["witnesses"] = new JsonArray(),
        }.ToJsonString();
    }
}
