using System.Numerics;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Identity;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Gpc;

/// <summary>Argument contracts, immutability, and the places where Pod deliberately differs from the reference.</summary>
public sealed class GpcApiTests
{
    private static readonly SemaphoreIdentity Owner = SemaphoreIdentity.FromPrivateKey("gpc api tests: the owner"u8);

    [Fact]
    public void PublicMethods_NullArguments_ThrowWithParamName()
    {
        var config = OwnerConfig();
        var inputs = OwnerInputs(PodValue.EdDsaPublicKey(Owner.PublicKey));
        Assert.Equal("proofConfig", Assert.Throws<ArgumentNullException>(() => GpcCompiler.BindConfig(null!)).ParamName);
        Assert.Equal("proofConfig", Assert.Throws<ArgumentNullException>(() => GpcCompiler.PreProve(null!, inputs)).ParamName);
        Assert.Equal("proofInputs", Assert.Throws<ArgumentNullException>(() => GpcCompiler.PreProve(config, null!)).ParamName);
        Assert.Equal("proofInputs", Assert.Throws<ArgumentNullException>(() => GpcCompiler.CheckProvable(config, null!)).ParamName);
        Assert.Equal("boundConfig", Assert.Throws<ArgumentNullException>(() => GpcVerifier.PreVerify(null!, new GpcRevealedClaims { Pods = new Dictionary<string, GpcRevealedObjectClaims>() })).ParamName);
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => GpcJson.ParseProofConfig(null!)).ParamName);
        Assert.Equal("config", Assert.Throws<ArgumentNullException>(() => GpcJson.SerializeProofConfig(null!)).ParamName);
        Assert.Equal("Entries", Assert.Throws<ArgumentNullException>(() => new GpcProofObjectConfig { Entries = null! }).ParamName);
        Assert.Equal("Pods", Assert.Throws<ArgumentNullException>(() => new GpcProofConfig
        {
            Pods = new Dictionary<string, GpcProofObjectConfig> { ["p"] = null! },
        }).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => GpcMembershipList.Of([PodValue.Int(1), null!])).ParamName);
    }

    [Fact]
    public void Model_SourceMapChangedAfterwards_ConfigUnchanged()
    {
        var entries = new Dictionary<string, GpcProofEntryConfig> { ["b"] = new() { IsRevealed = true } };
        var pod = new GpcProofObjectConfig { Entries = entries };
        entries["a"] = new() { IsRevealed = false };
        entries.Remove("b");

        Assert.Equal(["b"], pod.Entries.Keys);
        Assert.IsNotType<Dictionary<string, GpcProofEntryConfig>>(pod.Entries);
    }

    [Fact]
    public void BindConfig_EqualsEntryNotProven_RefusedAtBindingWhereTheReferenceFailsLaterWhenCompiling()
    {
        var config = new GpcProofConfig
        {
            Pods = new Dictionary<string, GpcProofObjectConfig>
            {
                ["a"] = new() { Entries = new Dictionary<string, GpcProofEntryConfig> { ["x"] = new() { IsRevealed = false, EqualsEntry = "a.y" } } },
            },
        };

        var e = Assert.Throws<GpcConfigException>(() => GpcCompiler.BindConfig(config));

        Assert.Equal(
            new Refuses(typeof(GpcConfigException)),
            DeliberateDifferences.Find(ReferenceCall.GpcBindConfig, GpcJsonWriter.ProofConfig(config.CircuitIdentifier, config.Pods, config.UniquePods, config.Tuples))?.Instead);
        Assert.Equal("pods.a.entries.x.equalsEntry", e.Path);
        Assert.Contains("a.y", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreProve_OwnerKeyWrittenInHex_AcceptedWhereTheReferenceComparesText()
    {
        // The reference compares the entry's text with the identity's Base64 key, so a key written in hex
        // is refused although the circuit, comparing hashes, accepts it.
        var hex = PodValue.EdDsaPublicKey(Owner.PublicKey.ToHexString());
        Assert.Null(DeliberateDifferences.Find(ReferenceCall.GpcOwnerV4Entry, Owner.PublicKey.ToString()));
        DeliberateDifference row = Assert.IsType<DeliberateDifference>(DeliberateDifferences.Find(ReferenceCall.GpcOwnerV4Entry, Owner.PublicKey.ToHexString()));

        GpcProofPreparation prepared = GpcCompiler.PreProve(OwnerConfig(), OwnerInputs(hex));

        row.Instead.Check(() => prepared.Inputs["ownerV4EntryIndex"].Values[0] == 1);
        Assert.Equal(1, prepared.Inputs["ownerV4EntryIndex"].Values[0]);
    }

    [Fact]
    public void PreProve_OwnerKeyOfAnotherIdentity_Refused()
    {
        var other = SemaphoreIdentity.FromPrivateKey("gpc api tests: another identity"u8);

        var e = Assert.Throws<GpcConfigException>(() => GpcCompiler.PreProve(OwnerConfig(), OwnerInputs(PodValue.EdDsaPublicKey(other.PublicKey))));

        Assert.Equal("owner.semaphoreV4", e.Path);
        Assert.Equal("proofInputs", e.ParamName);
    }

    [Fact]
    public void PreProve_TupleListOfMixedArity_RefusedAtTheList()
    {
        var config = new GpcProofConfig
        {
            Pods = new Dictionary<string, GpcProofObjectConfig>
            {
                ["p"] = new()
                {
                    Entries = new Dictionary<string, GpcProofEntryConfig> { ["a"] = new() { IsRevealed = false }, ["b"] = new() { IsRevealed = false } },
                },
            },
            Tuples = new Dictionary<string, GpcProofTupleConfig> { ["t"] = new() { Entries = ["p.a", "p.b"], IsMemberOf = "l" } },
        };
        var inputs = new GpcProofInputs
        {
            Pods = new Dictionary<string, SignedPod> { ["p"] = Sign(("a", PodValue.Int(1)), ("b", PodValue.Int(2))) },
            MembershipLists = new Dictionary<string, GpcMembershipList>
            {
                ["l"] = GpcMembershipList.OfTuples([[PodValue.Int(1), PodValue.Int(2)], [PodValue.Int(1), PodValue.Int(2), PodValue.Int(3)]]),
            },
        };

        var e = Assert.Throws<GpcConfigException>(() => GpcCompiler.PreProve(config, inputs));

        Assert.Equal("membershipLists.l", e.Path);
        Assert.Contains("width 2 and 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RevealedClaims_EmptyEntries_RefusedAsTheReferenceDoes()
    {
        var claims = new GpcRevealedClaims
        {
            Pods = new Dictionary<string, GpcRevealedObjectClaims> { ["p"] = new() { Entries = new Dictionary<string, PodValue>() } },
        };

        var e = Assert.Throws<GpcConfigException>(() => GpcJson.SerializeRevealedClaims(claims));

        Assert.Equal("pods.p.entries", e.Path);
        Assert.Equal("claims", e.ParamName);
    }

    [Fact]
    public void Json_RepeatedKeyOrNullOptional_Refused()
    {
        Assert.Throws<FormatException>(() => GpcJson.ParseProofConfig("""{"pods":{"p":{"entries":{"a":{"isRevealed":true,"isRevealed":false}}}}}"""));
        Assert.Throws<FormatException>(() => GpcJson.ParseProofConfig("""{"pods":{"p":{"entries":{"a":{"isRevealed":true}}}},"uniquePODs":null}"""));
        var e = Assert.Throws<FormatException>(() => GpcJson.ParseProofConfig("""{"pods":{"p":{"entries":{"a":{"isRevealed":true,"inRange":{"min":1.5,"max":2}}}}}}"""));
        Assert.Contains("pods.p.entries.a.inRange.min", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EntryInequality_AfterEntryWithBothRanges_IndexedAsTheReferenceIndexesIt()
    {
        // Reference quirk (gpcPreProve under Node gives these signals): inequalities address numeric values
        // by entry position, but p.a takes two slots, so "p.b < p.c" compares slots 1 and 2 (50 and 3).
        var config = new GpcProofConfig
        {
            Pods = new Dictionary<string, GpcProofObjectConfig>
            {
                ["p"] = new()
                {
                    Entries = new Dictionary<string, GpcProofEntryConfig>
                    {
                        ["a"] = new() { IsRevealed = false, InRange = new(0, 100), NotInRange = new(10, 20) },
                        ["b"] = new() { IsRevealed = false, InRange = new(0, 100), LessThan = "p.c" },
                        ["c"] = new() { IsRevealed = false, InRange = new(0, 100) },
                    },
                },
            },
        };
        var inputs = new GpcProofInputs
        {
            Pods = new Dictionary<string, SignedPod> { ["p"] = Sign(("a", PodValue.Int(50)), ("b", PodValue.Int(3)), ("c", PodValue.Int(9))) },
        };

        GpcProofPreparation prepared = GpcCompiler.PreProve(config, inputs);

        Assert.Equal([50, 50, 3, 9], prepared.Inputs["numericValues"].Values);
        Assert.Equal([0, 0, 1, 2], prepared.Inputs["numericValueEntryIndices"].Values);
        Assert.Equal([1, 0], prepared.Inputs["entryInequalityValueIndex"].Values);
        Assert.Equal([2, 0], prepared.Inputs["entryInequalityOtherValueIndex"].Values);
        Assert.Equal(BigInteger.One, prepared.Inputs["entryInequalityIsLessThan"].Values[0]);
    }

    [Fact]
    public void CircuitSignals_ToJson_SnarkJsInputShape()
    {
        GpcProofPreparation prepared = GpcCompiler.PreProve(OwnerConfig(), OwnerInputs(PodValue.EdDsaPublicKey(Owner.PublicKey)));

        string json = prepared.Inputs.ToJson();

        Assert.StartsWith("{\"objectContentID\":[\"", json, StringComparison.Ordinal);
        Assert.Contains("\"entryProofSiblings\":[[\"", json, StringComparison.Ordinal);
        Assert.EndsWith($"\"globalWatermark\":\"{Fr.Modulus - 1}\"}}", json, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => prepared.Inputs["noSuchSignal"]);
    }

    private static GpcProofConfig OwnerConfig() => new()
    {
        Pods = new Dictionary<string, GpcProofObjectConfig>
        {
            ["ticket"] = new()
            {
                Entries = new Dictionary<string, GpcProofEntryConfig>
                {
                    ["owner"] = new() { IsRevealed = false, IsOwnerId = GpcIdentityProtocol.SemaphoreV4 },
                    ["event"] = new() { IsRevealed = true },
                },
            },
        },
    };

    private static GpcProofInputs OwnerInputs(PodValue ownerValue) => new()
    {
        Pods = new Dictionary<string, SignedPod> { ["ticket"] = Sign(("owner", ownerValue), ("event", PodValue.String("devcon"))) },
        Owner = new GpcProofOwnerInputs { SemaphoreV4 = Owner },
    };

    private static SignedPod Sign(params (string Name, PodValue Value)[] entries)
    {
        using var key = EdDsaPrivateKey.Import(new byte[32]);
        return SignedPod.Sign(PodEntries.Create(entries.Select(e => new KeyValuePair<string, PodValue>(e.Name, e.Value))), key);
    }
}
