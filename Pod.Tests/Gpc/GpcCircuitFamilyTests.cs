using Pod.Gpc;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Gpc;

/// <summary>The circuit family against gpc-circuits.json, and the reference's choice of circuit.</summary>
[Trait("Category", Vectors.Trait)]
public sealed class GpcCircuitFamilyTests
{
    private const string File = "gpc-circuits.json";

    public static TheoryData<int> Circuits => Vectors.Indices(File, "circuits");

    [Fact]
    public void Family_ReferenceTable_SameCircuitsInCostOrder()
    {
        var expected = Vectors.Section(File, "circuits").Select(c => c!.Str("identifier"));
        Assert.Equal(expected, GpcCircuitFamily.All.Select(c => c.Identifier));
        Assert.Equal(GpcCircuitFamily.FamilyName, Vectors.Load(File).Str("familyName"));
        Assert.True(GpcCircuitFamily.All.Zip(GpcCircuitFamily.All.Skip(1)).All(p => p.First.Cost < p.Second.Cost));
    }

    [Theory]
    [MemberData(nameof(Circuits))]
    public void Circuit_ReferenceCase_ParametersSignalCountAndArtifactPins(int index)
    {
        var item = Vectors.Item(File, index, "circuits");
        Assert.True(GpcCircuitFamily.TryFind(item.Str("identifier"), out GpcCircuitDescription? circuit));

        GpcCompileVectorTests.AssertCircuit(item, circuit);
        Assert.Equal(item["nPublic"]!.GetValue<int>(), circuit.PublicSignalCount);
        var layout = item["publicSignalLayout"]!.AsArray();
        Assert.Equal(circuit.PublicSignalCount, layout.Sum(s => s!["length"]!.GetValue<int>()));
        var artifacts = item["artifacts"]!;
        foreach (var (name, pin) in new[] { ("wasm", circuit.Wasm), ("pkey", circuit.ProvingKey), ("vkey", circuit.VerificationKey) })
        {
            Assert.Equal(artifacts[name]!.Str("file"), pin.FileName);
            Assert.Equal(artifacts[name]!.Str("sha256"), pin.Sha256);
            Assert.Equal(artifacts[name]!["size"]!.GetValue<long>(), pin.SizeInBytes);
        }

    }

    [Fact]
    public void PublicSignalLayout_ReferenceTable_NamesInOrder()
    {
        var root = Vectors.Load(File);
        var names = root["outputNames"]!.AsArray().Concat(root["publicInputNames"]!.AsArray()).Select(n => n!.GetValue<string>());
        foreach (var circuit in Vectors.Section(File, "circuits"))
        {
            Assert.Equal(names, circuit!["publicSignalLayout"]!.AsArray().Select(s => s!.Str("name")));
        }
    }

    [Theory]
    [InlineData("proto-pod-gpc_1o-1e-5md-0nv-0ei-0x0l-0x0t-0ov3-2ov4")]
    [InlineData("other-family_1o-1e-5md-0nv-0ei-0x0l-0x0t-0ov3-1ov4")]
    [InlineData("")]
    [InlineData(null)]
    public void TryFind_UnknownIdentifier_False(string? identifier) =>
        Assert.False(GpcCircuitFamily.TryFind(identifier, out _));

    [Fact]
    public void Pick_EachCircuitsOwnLimits_FirstCircuitThatHoldsThem()
    {
        foreach (var circuit in GpcCircuitFamily.All)
        {
            var requirements = Requirements(circuit.Limits);
            var expected = GpcCircuitFamily.All.First(c => Holds(c.Limits, circuit.Limits));
            Assert.Same(expected, GpcCircuitFamily.Pick(requirements));
        }
    }

    [Theory]
    [InlineData(3, 1, 0, 0, 0, false, "proto-pod-gpc_3o-10e-8md-4nv-2ei-2x20l-2x2t-0ov3-1ov4")]
    [InlineData(1, 1, 1, 200, 0, false, "proto-pod-gpc_1o-11e-5md-0nv-0ei-1x200l-1x3t-0ov3-1ov4")]
    [InlineData(1, 1, 1, 51, 0, false, "proto-pod-gpc_1o-11e-5md-0nv-0ei-1x200l-1x3t-0ov3-1ov4")]
    [InlineData(1, 1, 1, 50, 0, false, "proto-pod-gpc_1o-11e-5md-0nv-0ei-1x50l-1x3t-0ov3-1ov4")]
    [InlineData(1, 1, 0, 0, 0, true, "proto-pod-gpc_1o-5e-6md-2nv-0ei-0x0l-0x0t-1ov3-1ov4")]
    [InlineData(1, 12, 0, 0, 0, false, "proto-pod-gpc_1o-12e-5md-4nv-0ei-1x5l-0x0t-0ov3-1ov4")]
    [InlineData(2, 4, 3, 2, 0, true, "proto-pod-gpc_3o-10e-8md-4nv-2ei-4x20l-5x3t-1ov3-1ov4")]
    [InlineData(1, 2, 1, 1, 3, false, "proto-pod-gpc_1o-11e-5md-0nv-0ei-1x50l-1x3t-0ov3-1ov4")]
    [InlineData(1, 2, 1, 1, 4, false, "proto-pod-gpc_3o-10e-8md-4nv-2ei-4x20l-5x3t-1ov3-1ov4")]
    [InlineData(2, 2, 1, 1, 3, false, "proto-pod-gpc_3o-10e-8md-4nv-2ei-2x20l-2x2t-0ov3-1ov4")]
    public void Pick_Requirements_SmallestFittingCircuit(int pods, int entries, int lists, int listSize, int tupleArity, bool ownerV3, string expected)
    {
        var tuples = tupleArity == 0 ? [] : new[] { new KeyValuePair<string, int>("t", tupleArity) };
        var requirements = GpcRequirements.None with
        {
            NObjects = pods, NEntries = entries, MerkleMaxDepth = 5, NLists = lists, MaxListSize = listSize, TupleArities = tuples, IncludeOwnerV3 = ownerV3,
        };

        Assert.Equal(expected, GpcCircuitFamily.Pick(requirements)?.Identifier);
    }

    [Theory]
    [InlineData(1, 1, 1, 201, 0, "membershipLists", "201 list elements (at most 200)")]
    [InlineData(1, 13, 0, 0, 0, "pods", "13 entries (at most 12)")]
    [InlineData(1, 2, 1, 1, 12, "tuples", "tuples of arity 3 (at most 5)")]
    [InlineData(3, 11, 0, 0, 0, "pods", "no single circuit has all of 3 PODs, 11 entries")]
    public void BindConfig_NothingFits_SaysWhichLimit(int pods, int entries, int lists, int listSize, int tupleArity, string path, string phrase)
    {
        var tuples = tupleArity == 0 ? [] : new[] { new KeyValuePair<string, int>("t", tupleArity) };
        var requirements = GpcRequirements.None with
        {
            NObjects = pods, NEntries = entries, MerkleMaxDepth = 5, NLists = lists, MaxListSize = listSize, TupleArities = tuples,
        };

        var e = Assert.Throws<GpcConfigException>(() => GpcChecks.CheckCircuitRequirements(requirements, null, "proofConfig"));

        Assert.Equal(path, e.Path);
        Assert.Contains(phrase, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindConfig_UnknownOrMalformedCircuitIdentifier_RefusedAtCircuitIdentifier()
    {
        foreach (string identifier in new[] { "proto-pod-gpc_9o-1e-5md-0nv-0ei-0x0l-0x0t-0ov3-1ov4", "no-underscore", "a_b_c" })
        {
            var config = new GpcProofConfig
            {
                CircuitIdentifier = identifier,
                Pods = new Dictionary<string, GpcProofObjectConfig>
                {
                    ["p"] = new() { Entries = new Dictionary<string, GpcProofEntryConfig> { ["a"] = new() { IsRevealed = true } } },
                },
            };

            var e = Assert.Throws<GpcConfigException>(() => GpcCompiler.BindConfig(config));
            Assert.Equal("circuitIdentifier", e.Path);
            Assert.Contains(identifier, e.Message, StringComparison.Ordinal);
        }
    }

    private static GpcRequirements Requirements(GpcCircuitLimits limits) => GpcRequirements.None with
    {
        NObjects = limits.MaxObjects,
        NEntries = limits.MaxEntries,
        MerkleMaxDepth = limits.MerkleMaxDepth,
        NNumericValues = limits.MaxNumericValues,
        NEntryInequalities = limits.MaxEntryInequalities,
        NLists = limits.MaxLists,
        MaxListSize = limits.MaxListElements,
        TupleArities = limits.TupleArity >= 2 ? [new("t", limits.TupleArity + ((limits.TupleArity - 1) * (limits.MaxTuples - 1)))] : [],
        IncludeOwnerV3 = limits.IncludeOwnerV3,
        IncludeOwnerV4 = limits.IncludeOwnerV4,
    };

    /// <summary>Whether a circuit's limits dominate another's (tuples: capacity of chained tuples).</summary>
    private static bool Holds(GpcCircuitLimits c, GpcCircuitLimits need) =>
        c.MaxObjects >= need.MaxObjects && c.MaxEntries >= need.MaxEntries && c.MerkleMaxDepth >= need.MerkleMaxDepth
        && c.MaxNumericValues >= need.MaxNumericValues && c.MaxEntryInequalities >= need.MaxEntryInequalities
        && c.MaxLists >= need.MaxLists && c.MaxListElements >= need.MaxListElements
        && (need.TupleArity < 2 || (c.TupleArity >= 2 && c.MaxTuples >= GpcRequirements.TuplesNeeded(c.TupleArity, need.TupleArity + ((need.TupleArity - 1) * (need.MaxTuples - 1)))))
        && (c.IncludeOwnerV3 || !need.IncludeOwnerV3) && (c.IncludeOwnerV4 || !need.IncludeOwnerV4);
}
