using System.Text.Json.Nodes;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Proving;

/// <summary>
/// gpcProve in .NET: every valid case of gpc-compile.json (whatever features the file covers: reveal,
/// owners V3/V4, nullifiers, lists, tuples, bounds, entry (in)equality, watermark, several PODs, the
/// largest circuit) proven by GpcProver, verified by GpcVerifier and by @pcd/gpc's gpcVerify.
/// </summary>
[Trait("Category", Vectors.Trait)]
public sealed class GpcProverTests
{
    private static readonly Lazy<GpcProver> Prover = new(() => new GpcProver(ProvingReference.Artifacts()));

    [Fact]
    public void Prove_EveryValidCase_VerifiesHereAndInPcdGpc_WithTheReferenceClaims()
    {
        var keys = new GpcVerificationKeys(ProvingReference.Artifacts());
        var proofs = new List<(string Proof, string BoundConfig, string RevealedClaims)>();
        var ids = new List<string>();
        var referenceAccepts = new List<bool>();
        foreach (JsonNode item in ProvingReference.ValidCases())
        {
            GpcProofConfig config = GpcJson.ParseProofConfig(GpcVectorInputs.Text(item["proofConfig"]!));
            GpcProofInputs inputs = GpcVectorInputs.Inputs(item["inputs"]!);

            GpcProvingResult result = Prover.Value.Prove(config, inputs);

            string id = item.Str("id");
            Assert.Equal(GpcVectorInputs.Text(item["boundConfig"]!), GpcJson.SerializeBoundConfig(result.BoundConfig));
            Assert.Equal(GpcVectorInputs.Text(item["revealedClaims"]!), GpcJson.SerializeRevealedClaims(result.RevealedClaims));
            GpcVerificationResult verified = GpcVerifier.Verify(result.Proof, result.BoundConfig, result.RevealedClaims, keys);
            // Where a row of the differences table decides the claims, Pod's verifier answers as the row says.
            DeliberateDifference? row = DeliberateDifferences.Find(ReferenceCall.GpcVerify, item["revealedClaims"]!);
            bool podAccepts = row?.Instead is not Answers { Result: false };
            Assert.True(verified.IsValid == podAccepts, $"{id}: Pod's verifier answers {verified.IsValid} ({verified}); {podAccepts} expected ({row}).");


            proofs.Add((result.Proof.ToJson(), GpcJson.SerializeBoundConfig(result.BoundConfig), GpcJson.SerializeRevealedClaims(result.RevealedClaims)));
            ids.Add(id);

            // The reference's own rule (docs/compatibility.md #21): gpcVerify hands snarkjs a negative signal unreduced and answers false.
            referenceAccepts.Add(!RevealsNegativeSignal(item));
        }

        Assert.NotEmpty(ids);
        JsonArray verdicts = ProvingReference.GpcVerify(proofs);
        for (int i = 0; i < ids.Count; i++)
        {
            Assert.True(
                verdicts[i] is JsonValue v && v.TryGetValue(out bool verdict) && verdict == referenceAccepts[i],
                $"{ids[i]}: @pcd/gpc's gpcVerify answers {verdicts[i]?.ToJsonString()}; {referenceAccepts[i]} expected.");
        }
    }

    /// <summary>A revealed watermark or external nullifier whose value is negative (the reference's gpcVerify refuses every such proof).</summary>
    internal static bool RevealsNegativeSignal(JsonNode item)
    {
        bool IsNegative(string signal) => item["circuitInputs"]![signal] is JsonValue v && v.ToString().StartsWith('-');
        JsonNode claims = item["revealedClaims"]!;
        return (claims["watermark"] is not null && IsNegative("globalWatermark"))
            || (claims["owner"]?["externalNullifier"] is not null && IsNegative("ownerExternalNullifier"));
    }

    [Fact]
    public void Prove_InvalidCase_FailsAsTheReferenceDoes_WithoutAProof()
    {
        // Cases the reference refuses before proving are refused here with the config error (selected by
        // content: the invalid cases whose stage precedes proving and whose inputs parse here).
        foreach (JsonNode item in Vectors.Section("gpc-compile.json", "invalid").Select(c => c!))
        {
            if (item["inputs"] is null || item["proofConfig"] is null)
            {
                continue;
            }

            GpcProofConfig config;
            GpcProofInputs inputs;
            try
            {
                config = GpcJson.ParseProofConfig(GpcVectorInputs.Text(item["proofConfig"]!));
                inputs = GpcVectorInputs.Inputs(item["inputs"]!);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or System.Text.Json.JsonException)
            {
                continue;
            }

            Assert.Throws<GpcConfigException>(() => Prover.Value.Prove(config, inputs));
        }
    }

    [Fact]
    public void Prove_ReportsPhases_AndHonoursCancellation()
    {
        JsonNode item = ProvingReference.CheapestCase();
        GpcProofConfig config = GpcJson.ParseProofConfig(GpcVectorInputs.Text(item["proofConfig"]!));
        GpcProofInputs inputs = GpcVectorInputs.Inputs(item["inputs"]!);
        var phases = new List<GpcProvingPhase>();
        Prover.Value.Prove(config, inputs, new SynchronousProgress(phases.Add));
        Assert.Equal(Enum.GetValues<GpcProvingPhase>(), phases);
        Assert.ThrowsAny<OperationCanceledException>(() => Prover.Value.Prove(config, inputs, cancellationToken: new CancellationToken(true)));
        Assert.Throws<ArgumentNullException>(() => new GpcProver(null!));
    }

    private sealed class SynchronousProgress(Action<GpcProvingPhase> report) : IProgress<GpcProvingPhase>
    {
        public void Report(GpcProvingPhase value) => report(value);
    }
}
