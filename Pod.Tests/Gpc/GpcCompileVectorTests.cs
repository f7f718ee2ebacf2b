using System.Text.Json.Nodes;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Identity;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Gpc;

/// <summary>Every valid case of gpc-compile.json: JSON, binding, circuit choice, every signal, claims, pre-verify.</summary>
[Trait("Category", Vectors.Trait)]
public sealed class GpcCompileVectorTests
{
    private const string File = "gpc-compile.json";

    public static TheoryData<int> ValidCases => Vectors.Indices(File, "valid");

    private static JsonNode Case(int index) => Vectors.Item(File, index, "valid");

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void ProofConfig_ReferenceCase_JsonRoundTripsByteForByte(int index)
    {
        string json = GpcVectorInputs.Text(Case(index)["proofConfig"]!);

        GpcProofConfig config = GpcJson.ParseProofConfig(json);

        Assert.Equal(json, GpcJson.SerializeProofConfig(config));
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void BindConfig_ReferenceCase_MatchesGpcBindConfig(int index)
    {
        var item = Case(index);
        GpcProofConfig config = GpcJson.ParseProofConfig(GpcVectorInputs.Text(item["proofConfig"]!));

        GpcBinding binding = GpcCompiler.BindConfig(config);

        Assert.Equal(item["gpcBindConfig"]!.Str("circuitIdentifier"), binding.Circuit.Identifier);
        Assert.Equal(GpcVectorInputs.Text(item["gpcBindConfig"]!["boundConfig"]!), GpcJson.SerializeBoundConfig(binding.BoundConfig));
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Requirements_ReferenceCase_MatchGpcChecks(int index)
    {
        var item = Case(index);
        GpcProofConfig config = GpcJson.ParseProofConfig(GpcVectorInputs.Text(item["proofConfig"]!));
        GpcProofInputs inputs = GpcVectorInputs.Inputs(item["inputs"]!);

        AssertRequirements(item["requirements"]!["fromConfigOnly"]!, GpcChecks.CheckProofConfig(config, GpcChecks.ConfigParam).Requirements);
        AssertRequirements(item["requirements"]!["fromConfigAndInputs"]!, GpcChecks.CheckProofArgs(config, inputs).Requirements);
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void PreProve_ReferenceCase_EverySignalAndClaimMatches(int index)
    {
        var item = Case(index);
        GpcProofConfig config = GpcJson.ParseProofConfig(GpcVectorInputs.Text(item["proofConfig"]!));
        GpcProofInputs inputs = GpcVectorInputs.Inputs(item["inputs"]!);

        GpcProofPreparation prepared = GpcCompiler.PreProve(config, inputs);

        Assert.Equal(item.Str("circuitIdentifier"), prepared.Circuit.Identifier);
        AssertCircuit(item["circuitDesc"]!, prepared.Circuit);
        Assert.Equal(GpcVectorInputs.Text(item["boundConfig"]!), GpcJson.SerializeBoundConfig(prepared.BoundConfig));
        GpcVectorInputs.AssertSignals(item["circuitInputs"]!, prepared.Inputs);
        GpcVectorInputs.AssertSignals(item["circuitOutputs"]!, prepared.Outputs);
        Assert.Equal(GpcVectorInputs.Text(item["revealedClaims"]!), GpcJson.SerializeRevealedClaims(prepared.RevealedClaims));
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void PreVerify_ReferenceCase_PublicSignalsMatch(int index)
    {
        var item = Case(index);
        GpcBoundConfig boundConfig = GpcJson.ParseBoundConfig(GpcVectorInputs.Text(item["boundConfig"]!));
        GpcRevealedClaims claims = GpcJson.ParseRevealedClaims(GpcVectorInputs.Text(item["revealedClaims"]!));

        GpcVerifyPreparation prepared = GpcVerifier.PreVerify(boundConfig, claims);

        var expected = item["preVerify"]!;
        Assert.Equal(expected.Str("circuitIdentifier"), prepared.Circuit.Identifier);
        GpcVectorInputs.AssertSignals(expected["circuitPublicInputs"]!, prepared.PublicInputs);
        GpcVectorInputs.AssertSignals(expected["circuitOutputs"]!, prepared.Outputs);
        Assert.Equal(item["publicSignals"]!.AsArray().Select(s => s!.GetValue<string>()), GpcVectorInputs.Strings(prepared.PublicSignals));
        Assert.Equal(prepared.Circuit.PublicSignalCount, prepared.PublicSignals.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void JsonForms_ReferenceCase_RoundTripByteForByte(int index)
    {
        var item = Case(index);
        string bound = GpcVectorInputs.Text(item["boundConfig"]!);
        string claims = GpcVectorInputs.Text(item["revealedClaims"]!);

        Assert.Equal(bound, GpcJson.SerializeBoundConfig(GpcJson.ParseBoundConfig(bound)));
        Assert.Equal(claims, GpcJson.SerializeRevealedClaims(GpcJson.ParseRevealedClaims(claims)));
        if (item["inputs"]!["membershipLists"] is { } listsNode)
        {
            string lists = GpcVectorInputs.Text(listsNode);
            Assert.Equal(lists, GpcJson.SerializeMembershipLists(GpcJson.ParseMembershipLists(lists)));
        }
    }

    [Fact]
    public void Fixtures_SemaphoreIdentities_DeriveTheReferenceSecrets()
    {
        var fixtures = Vectors.Load(File)["fixtures"]!;
        foreach (var v4 in fixtures["semaphoreV4"]!.AsArray().Select(n => n!))
        {
            var identity = SemaphoreIdentity.FromPrivateKey(v4.Hex("privateKeyHex"));
            Assert.Equal(v4.Big("secretScalar"), identity.SecretScalar.ToBigInteger());
            Assert.Equal(v4.Str("publicKeyEncoded"), identity.PublicKey.ToString());
            Assert.Equal(v4.Str("commitment"), identity.Commitment.ToString());
            Assert.Equal(identity.PublicKey, EdDsaPublicKey.FromPoint(BabyJubJub.MultiplyBase8(v4.Big("secretScalar"))));
            Assert.DoesNotContain(v4.Str("secretScalar"), identity.ToString(), StringComparison.Ordinal);
        }

        foreach (var v3 in fixtures["semaphoreV3"]!.AsArray().Select(n => n!))
        {
            var identity = GpcVectorInputs.V3(v3);
            Assert.Equal(v3.Str("commitment"), identity.Commitment.ToString());
            Assert.DoesNotContain(v3.Str("nullifier"), identity.ToString(), StringComparison.Ordinal);
        }
    }

    private static void AssertRequirements(JsonNode expected, GpcRequirements actual)
    {
        Assert.Equal(expected["nObjects"]!.GetValue<int>(), actual.NObjects);
        Assert.Equal(expected["nEntries"]!.GetValue<int>(), actual.NEntries);
        Assert.Equal(expected["merkleMaxDepth"]!.GetValue<int>(), actual.MerkleMaxDepth);
        Assert.Equal(expected["nNumericValues"]!.GetValue<int>(), actual.NNumericValues);
        Assert.Equal(expected["nEntryInequalities"]!.GetValue<int>(), actual.NEntryInequalities);
        Assert.Equal(expected["nLists"]!.GetValue<int>(), actual.NLists);
        Assert.Equal(expected["maxListSize"]!.GetValue<int>(), actual.MaxListSize);
        Assert.Equal(
            expected["tupleArities"]!.AsObject().Select(p => (p.Key, p.Value!.GetValue<int>())),
            actual.TupleArities.Select(t => (t.Key, t.Value)));
        Assert.Equal(expected["includeOwnerV3"]!.GetValue<bool>(), actual.IncludeOwnerV3);
        Assert.Equal(expected["includeOwnerV4"]!.GetValue<bool>(), actual.IncludeOwnerV4);
    }

    internal static void AssertCircuit(JsonNode expected, GpcCircuitDescription circuit)
    {
        Assert.Equal(expected.Str("family"), circuit.Family);
        Assert.Equal(expected.Str("name"), circuit.Name);
        Assert.Equal(expected.Str("identifier"), circuit.Identifier);
        Assert.Equal(expected["cost"]!.GetValue<int>(), circuit.Cost);
        Assert.Equal(expected["maxObjects"]!.GetValue<int>(), circuit.MaxObjects);
        Assert.Equal(expected["maxEntries"]!.GetValue<int>(), circuit.MaxEntries);
        Assert.Equal(expected["merkleMaxDepth"]!.GetValue<int>(), circuit.MerkleMaxDepth);
        Assert.Equal(expected["maxNumericValues"]!.GetValue<int>(), circuit.MaxNumericValues);
        Assert.Equal(expected["maxEntryInequalities"]!.GetValue<int>(), circuit.MaxEntryInequalities);
        Assert.Equal(expected["maxLists"]!.GetValue<int>(), circuit.MaxLists);
        Assert.Equal(expected["maxListElements"]!.GetValue<int>(), circuit.MaxListElements);
        Assert.Equal(expected["maxTuples"]!.GetValue<int>(), circuit.MaxTuples);
        Assert.Equal(expected["tupleArity"]!.GetValue<int>(), circuit.TupleArity);
        Assert.Equal(expected["includeOwnerV3"]!.GetValue<bool>(), circuit.IncludeOwnerV3);
        Assert.Equal(expected["includeOwnerV4"]!.GetValue<bool>(), circuit.IncludeOwnerV4);
    }
}
