using System.Text.Json.Nodes;
using Pod.Gpc.Artifacts;
using Pod.Gpc.Circuits;
using Pod.Gpc.Compilation;
using Pod.Gpc.Config;
using Pod.Gpc.Serialization;
using Pod.Gpc.Verification;
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
    public void Verify_ProofMadeByPcdGpc_IsValidWithItsNullifier(int index)
    {
        var item = Vectors.Item(ProofsFile, index, "proofs");

        GpcVerificationResult result = Verify(item["proof"]!, item["boundConfig"]!, item["revealedClaims"]!);

        // The quirk case is a valid proof the reference refuses (negative external nullifier, unreduced).
        Assert.True(result.IsValid, result.Failure);
        Assert.Equal(item["gpcVerify"]!.GetValue<bool>(), item["quirk"] is null);
        GpcRevealedClaims claims = result.Claims!;
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
            Assert.False(string.IsNullOrEmpty(result.Failure));
            Assert.Null(result.Claims);
            Assert.Null(result.NullifierHash);
        }
    }

    [Theory]
    [InlineData("{\"externalNullifier\":-1")]
    [InlineData("{\"externalNullifier\":{\"date\":\"1969-12-31T23:59:59.999Z\"}")]
    public void Verify_ExternalNullifierEqualToAbsent_RefusedAsAmbiguous(string replacement)
    {
        var item = Vectors.Section(ProofsFile, "proofs").Single(p => p!["quirk"] is not null)!;
        string claims = GpcVectorInputs.Text(item["revealedClaims"]!).Replace("{\"externalNullifier\":-77", replacement, StringComparison.Ordinal);

        GpcVerificationResult result = GpcVerifier.Verify(
            Groth16Proof.Parse(item["proof"]!.ToJsonString()),
            GpcJson.ParseBoundConfig(GpcVectorInputs.Text(item["boundConfig"]!)),
            GpcJson.ParseRevealedClaims(claims),
            _keys);

        Assert.False(result.IsValid);
        Assert.Contains("ambiguous", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_KeyFileChangedOrMissing_Throws()
    {
        var item = Vectors.Item(ProofsFile, 0, "proofs");
        GpcCircuitDescription circuit = GpcCircuitFamily.All.Single(c => c.Identifier == item.Str("circuitIdentifier"));
        string path = Path.Combine(_directory, circuit.VerificationKey.FileName);
        File.AppendAllText(path, " ");
        Assert.Throws<InvalidDataException>(() => Verify(item["proof"]!, item["boundConfig"]!, item["revealedClaims"]!));
        File.Delete(path);
        Assert.Throws<FileNotFoundException>(() => Verify(item["proof"]!, item["boundConfig"]!, item["revealedClaims"]!));
    }

    private GpcVerificationResult Verify(JsonNode proof, JsonNode bound, JsonNode claims) => GpcVerifier.Verify(
        Groth16Proof.Parse(proof.ToJsonString()),
        GpcJson.ParseBoundConfig(GpcVectorInputs.Text(bound)),
        GpcJson.ParseRevealedClaims(GpcVectorInputs.Text(claims)),
        _keys);
}
