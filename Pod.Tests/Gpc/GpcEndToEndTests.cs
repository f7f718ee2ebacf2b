using System.Numerics;
using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Pod.Gpc;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Gpc;

/// <summary>
/// Real proofs made by @pcd/gpc (gpc-proofs.json): the public signals GpcVerifier.PreVerify rebuilds from
/// the bound config and claims are the ones snarkjs was given, and Groth16 accepts the proof with them;
/// every tampered config or claim gives signals the proof does not verify with.
/// </summary>
[Trait("Category", Vectors.Trait)]
public sealed class GpcEndToEndTests
{
    private const string ProofsFile = "gpc-proofs.json";

    public static TheoryData<int> Proofs => Vectors.Indices(ProofsFile, "proofs");

    [Theory]
    [MemberData(nameof(Proofs))]
    public void PreVerify_ProofMadeByPcdGpc_SignalsVerify(int index)
    {
        var item = Vectors.Item(ProofsFile, index, "proofs");

        GpcVerifyPreparation prepared = PreVerify(item["boundConfig"]!, item["revealedClaims"]!);

        // The quirk case gives snarkjs a negative signal; the record keeps what gpcVerify passed.
        var expected = item["verifierPublicSignals"] ?? item["publicSignals"]!;
        Assert.Equal(expected.AsArray().Select(s => s!.GetValue<string>()), GpcVectorInputs.Strings(prepared.PublicSignals));
        Assert.True(Groth16.Verify(Key(prepared.Circuit.Identifier), Proof(item["proof"]!), Reduced(prepared.PublicSignals)));
    }

    [Theory]
    [MemberData(nameof(Proofs))]
    public void PreVerify_TamperedConfigOrClaims_SignalsDoNotVerify(int index)
    {
        var item = Vectors.Item(ProofsFile, index, "proofs");
        foreach (var tampered in item["tampered"]!.AsArray().Select(t => t!))
        {
            if (tampered["boundConfig"] is null && tampered["revealedClaims"] is null)
            {
                continue;
            }

            GpcVerifyPreparation prepared = PreVerify(tampered["boundConfig"] ?? item["boundConfig"]!, tampered["revealedClaims"] ?? item["revealedClaims"]!);

            Assert.Equal(tampered["publicSignals"]!.AsArray().Select(s => s!.GetValue<string>()), GpcVectorInputs.Strings(prepared.PublicSignals));
            Assert.False(Groth16.Verify(Key(prepared.Circuit.Identifier), Proof(tampered["proof"] ?? item["proof"]!), Reduced(prepared.PublicSignals)));
        }
    }

    private static GpcVerifyPreparation PreVerify(JsonNode bound, JsonNode claims) => GpcVerifier.PreVerify(
        GpcJson.ParseBoundConfig(GpcVectorInputs.Text(bound)),
        GpcJson.ParseRevealedClaims(GpcVectorInputs.Text(claims)));

    private static Groth16VerificationKey Key(string circuit) =>
        Groth16VerificationKey.Parse(Vectors.Load("gpc-vkeys.json")["vkeys"]![circuit]!.ToJsonString());

    private static Groth16Proof Proof(JsonNode proof) => Groth16Proof.Parse(proof.ToJsonString());

    private static Fr[] Reduced(IEnumerable<BigInteger> signals) => signals.Select(Fr.FromBigIntegerReduced).ToArray();
}
