using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Pod.Gpc;
using Pod.Identity;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Gpc;

/// <summary>
/// The whole gpcVerify on the proofs @pcd/gpc made (gpc-proofs.json), with the verification keys read
/// through GpcArtifacts from files checked against their pinned SHA-256.
/// </summary>
[Trait("Category", Vectors.Trait)]
public sealed class GpcVerifierTests : IDisposable
{
    private const string ProofsFile = "gpc-proofs.json";

    private readonly string _directory = ArtifactFiles.AllVerificationKeys();
    private readonly GpcVerificationKeys _keys;

    public GpcVerifierTests() => _keys = new GpcVerificationKeys(new GpcArtifacts(_directory));

    public static TheoryData<int> Proofs => Vectors.Indices(ProofsFile, "proofs");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(Proofs))]
    public void Verify_ProofMadeByPcdGpc_AsTheReferenceOrItsRow(int index)
    {
        var item = Vectors.Item(ProofsFile, index, "proofs");

        GpcVerificationResult result = Verify(item["proof"]!, item["boundConfig"]!, item["revealedClaims"]!);

        // gpcVerify's answer, unless a row decides the claims (a negative signal the reference passes snarkjs
        // unreduced; r - 1, the circuits' "absent").
        if (DeliberateDifferences.Find(ReferenceCall.GpcVerify, item["revealedClaims"]!) is { } row)
        {
            row.Instead.Check(() => result.IsValid);
        }
        else
        {
            Assert.Equal(item["gpcVerify"]!.GetValue<bool>(), result.IsValid);
        }

        if (!result.IsValid)
        {
            Assert.NotEqual(GpcVerificationFailure.None, result.Failure);
            Assert.NotEqual(GpcVerificationFailure.KeyUnavailable, result.Failure);
            Assert.False(string.IsNullOrEmpty(result.Description));
            return;
        }

        Assert.Equal(GpcVerificationFailure.None, result.Failure);
        Assert.Null(result.Description);
        GpcRevealedClaims claims = result.Claims;
        if (claims.Owner is { } owner && (owner.NullifierHashV4 ?? owner.NullifierHashV3) is { } nullifier)
        {
            Assert.Equal(nullifier, result.NullifierHash);
            Assert.Equal(GpcNullifiers.ExternalNullifierSignal(owner.ExternalNullifier), result.ExternalNullifier);
        }
        else
        {
            Assert.Null(result.NullifierHash);
            Assert.Null(result.ExternalNullifier);
        }
    }

    [Theory]
    [MemberData(nameof(Proofs))]
    public void Verify_TamperedVariants_Invalid(int index)
    {
        var item = Vectors.Item(ProofsFile, index, "proofs");
        foreach (var tampered in item["tampered"]!.AsArray().Select(t => t!))
        {
            string proofJson = (tampered["proof"] ?? item["proof"])!.ToJsonString();
            if (!Groth16Proof.TryParse(proofJson, out _))
            {
                continue; // refused when read (Groth16Tests); GpcVerifier takes parsed proofs
            }

            GpcVerificationResult result = Verify(
                tampered["proof"] ?? item["proof"]!, tampered["boundConfig"] ?? item["boundConfig"]!, tampered["revealedClaims"] ?? item["revealedClaims"]!);

            Assert.False(result.IsValid, tampered.Str("kind"));
            Assert.NotEqual(GpcVerificationFailure.KeyUnavailable, result.Failure);
            Assert.False(string.IsNullOrEmpty(result.Description));
            Assert.Null(result.Claims);
            Assert.Null(result.NullifierHash);
        }
    }

    public static TheoryData<int> ProofsWithExternalNullifier =>
        Vectors.Where(ProofsFile, p => p["revealedClaims"]?["owner"]?["externalNullifier"] is not null, "proofs");

    [Theory]
    [MemberData(nameof(ProofsWithExternalNullifier))]
    public void Verify_ExternalNullifierEqualToAbsent_RefusedAsAmbiguous(int index)
    {
        var item = Vectors.Item(ProofsFile, index, "proofs");
        if (item["revealedClaims"]?["owner"]?["externalNullifier"] is null)
        {
            return; // no proof with an external nullifier in this vector set
        }

        // The claims with the external nullifier replaced by values whose signal is r - 1: parsed, changed, written again.
        foreach (JsonNode absent in new JsonNode[] { JsonValue.Create(-1), new JsonObject { ["date"] = "1969-12-31T23:59:59.999Z" }, new JsonObject { ["cryptographic"] = "0x" + (Fr.Modulus - 1).ToString("x", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0') } })
        {
            JsonNode claims = item["revealedClaims"]!.DeepClone();
            claims["owner"]!["externalNullifier"] = absent;
            Assert.Equal(new Answers(false), DeliberateDifferences.Find(ReferenceCall.GpcVerify, claims)?.Instead);

            GpcVerificationResult result = Verify(item["proof"]!, item["boundConfig"]!, claims);

            Assert.Equal(GpcVerificationFailure.AmbiguousWatermark, result.Failure);
            Assert.Contains("ambiguous", result.Description, StringComparison.Ordinal);
        }
    }

    /// <summary>One proof, of the cheapest circuit: the key file checks need any proof.</summary>
    public static TheoryData<int> OneProof => Vectors.Least(
        ProofsFile, _ => true, p => GpcCircuitFamily.TryFind(p.Str("circuitIdentifier"), out GpcCircuitDescription? c) ? c.Cost : long.MaxValue, "proofs");

    [Theory]
    [MemberData(nameof(OneProof))]
    public void Verify_KeyFileChangedOrMissing_KeyUnavailableNamingTheReason(int index)
    {
        var item = Vectors.Item(ProofsFile, index, "proofs");
        Assert.True(GpcCircuitFamily.TryFind(item.Str("circuitIdentifier"), out GpcCircuitDescription? circuit));
        string path = Path.Combine(_directory, circuit.VerificationKey.FileName);
        File.AppendAllText(path, " ");
        GpcVerificationResult altered = Verify(item["proof"]!, item["boundConfig"]!, item["revealedClaims"]!);
        Assert.Equal(GpcVerificationFailure.KeyUnavailable, altered.Failure);
        Assert.Contains(nameof(InvalidDataException), altered.Description, StringComparison.Ordinal);
        File.Delete(path);
        GpcVerificationResult missing = Verify(item["proof"]!, item["boundConfig"]!, item["revealedClaims"]!);
        Assert.Equal(GpcVerificationFailure.KeyUnavailable, missing.Failure);
        Assert.Contains(nameof(FileNotFoundException), missing.Description, StringComparison.Ordinal);
    }

    /// <summary>One proof the reference accepts (no row deciding its claims), of the cheapest circuit.</summary>
    public static TheoryData<int> OneValidProof => Vectors.Least(
        ProofsFile,
        p => p["gpcVerify"]?.GetValue<bool>() == true && DeliberateDifferences.Find(ReferenceCall.GpcVerify, p["revealedClaims"]!) is null,
        p => GpcCircuitFamily.TryFind(p.Str("circuitIdentifier"), out GpcCircuitDescription? c) ? c.Cost : long.MaxValue,
        "proofs");

    [Theory]
    [MemberData(nameof(OneValidProof))]
    public void Verify_ProviderWithoutTheKey_KeyUnavailableUntilLoaded(int index)
    {
        var item = Vectors.Item(ProofsFile, index, "proofs");
        if (item["gpcVerify"]?.GetValue<bool>() != true || DeliberateDifferences.Find(ReferenceCall.GpcVerify, item["revealedClaims"]!) is not null)
        {
            return; // no proof the reference accepts in this vector set
        }

        Assert.True(GpcCircuitFamily.TryFind(item.Str("circuitIdentifier"), out GpcCircuitDescription? circuit));

        // Not loaded yet: the provider form reads nothing, so the key is unavailable until it is loaded.
        GpcVerificationResult before = Verify(item["proof"]!, item["boundConfig"]!, item["revealedClaims"]!, (IGpcVerificationKeyProvider)_keys);
        Assert.Equal(GpcVerificationFailure.KeyUnavailable, before.Failure);
        Assert.False(_keys.TryGetKey(circuit, out _));

        _ = _keys.For(circuit);
        Assert.True(_keys.TryGetKey(circuit, out _));
        GpcVerificationResult after = Verify(item["proof"]!, item["boundConfig"]!, item["revealedClaims"]!, (IGpcVerificationKeyProvider)_keys);
        Assert.True(after.IsValid, after.ToString());
    }

    private GpcVerificationResult Verify(JsonNode proof, JsonNode bound, JsonNode claims) => GpcVerifier.Verify(
        Groth16Proof.Parse(proof.ToJsonString()),
        GpcJson.ParseBoundConfig(GpcVectorInputs.Text(bound)),
        GpcJson.ParseRevealedClaims(GpcVectorInputs.Text(claims)),
        _keys);

    private static GpcVerificationResult Verify(JsonNode proof, JsonNode bound, JsonNode claims, IGpcVerificationKeyProvider keys) => GpcVerifier.Verify(
        Groth16Proof.Parse(proof.ToJsonString()),
        GpcJson.ParseBoundConfig(GpcVectorInputs.Text(bound)),
        GpcJson.ParseRevealedClaims(GpcVectorInputs.Text(claims)),
        keys);
}
