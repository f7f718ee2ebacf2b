using Pod.Gpc;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Gpc;

/// <summary>
/// The full loop against the real artifacts package (@pcd/proto-pod-gpc-artifacts 0.13.0, installed from
/// npm by test.sh into tools/gpc-artifacts/node_modules, which git ignores): every pinned file hash holds,
/// and every proof @pcd/gpc made verifies through GpcArtifacts pointed at the package.
/// </summary>
[Trait("Category", Vectors.Trait)]
public sealed class GpcArtifactsInteropTests
{
    private const string ProofsFile = "gpc-proofs.json";

    public static TheoryData<int> Proofs => Vectors.Indices(ProofsFile, "proofs");

    private static GpcArtifacts Artifacts() => Proving.ProvingReference.Artifacts();

    [Fact]
    public void Locate_EveryCircuitOfTheInstalledPackage_MatchesItsPins()
    {
        GpcArtifacts artifacts = Artifacts();
        foreach (GpcCircuitDescription circuit in GpcCircuitFamily.All)
        {
            GpcArtifactPaths paths = artifacts.Locate(circuit);
            Assert.True(File.Exists(paths.WasmPath) && File.Exists(paths.ProvingKeyPath) && File.Exists(paths.VerificationKeyPath));
        }
    }

    [Theory]
    [MemberData(nameof(Proofs))]
    public void Verify_ProofMadeByPcdGpc_VerifiesWithTheInstalledKeys(int index)
    {
        var item = Vectors.Item(ProofsFile, index, "proofs");
        var keys = new GpcVerificationKeys(Artifacts());

        GpcVerificationResult result = GpcVerifier.Verify(
            Groth16Proof.Parse(item["proof"]!.ToJsonString()),
            GpcJson.ParseBoundConfig(GpcVectorInputs.Text(item["boundConfig"]!)),
            GpcJson.ParseRevealedClaims(GpcVectorInputs.Text(item["revealedClaims"]!)),
            keys);

        if (DeliberateDifferences.Find(ReferenceCall.GpcVerify, item["revealedClaims"]!) is { } row)
        {
            row.Instead.Check(() => result.IsValid);
        }
        else
        {
            Assert.True(item["gpcVerify"]!.GetValue<bool>() == result.IsValid, result.ToString());
        }
    }
}
