using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Pod.Gpc;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Gpc;

/// <summary>
/// The GPC rows of the deliberate-differences table on forms the reference reads and Pod refuses: each valid case's
/// JSON is altered into the row's class (parsed, changed, written again), the row must recognise it, and Pod must
/// behave as the row says.
/// </summary>
[Trait("Category", Vectors.Trait)]
public sealed class GpcJsonDifferencesTests
{
    private const string File = "gpc-compile.json";

    public static TheoryData<int> ValidCases => Vectors.Indices(File, "valid");

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void ClaimsWithARepeatedMember_RefusedAsTheTableSays(int index)
    {
        JsonObject claims = Vectors.Item(File, index, "valid")["revealedClaims"]!.AsObject();
        var (name, value) = claims.First();
        string text = $"{{{JsonValue.Create(name).ToJsonString()}:{value!.ToJsonString()},{GpcVectorInputs.Text(claims)[1..]}";

        AssertDecidedByRow(text, () => GpcJson.ParseRevealedClaims(text));
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void ClaimsWithAContentIdOfR_RefusedAsTheTableSays(int index)
    {
        JsonObject claims = Vectors.Item(File, index, "valid")["revealedClaims"]!.DeepClone().AsObject();
        claims["pods"]!.AsObject().First().Value!["contentID"] = Fr.Modulus.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string text = GpcVectorInputs.Text(claims);

        AssertDecidedByRow(text, () => GpcJson.ParseRevealedClaims(text));
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void ListsWithALenientBigInt_RefusedAsTheTableSays(int index)
    {
        string text = """{"L":[{"int":" 42 "}]}""";
        if (Vectors.Item(File, index, "valid")["inputs"]!["membershipLists"] is JsonObject lists && lists.Count > 0)
        {
            // The case's own lists, with one more list holding an int BigInt() reads only by trimming.
            var altered = lists.DeepClone().AsObject();
            altered["zLenient"] = new JsonArray(new JsonObject { ["int"] = " 42 " });
            text = GpcVectorInputs.Text(altered);
        }

        AssertDecidedByRow(text, () => GpcJson.ParseMembershipLists(text));
    }

    [Fact]
    public void TupleNamedOutsidePodNames_RefusedAsTheTableSays()
    {
        var config = new GpcProofConfig
        {
            Pods = new Dictionary<string, GpcProofObjectConfig>
            {
                ["p"] = new() { Entries = new Dictionary<string, GpcProofEntryConfig> { ["a"] = new() { IsRevealed = false }, ["b"] = new() { IsRevealed = false } } },
            },
            Tuples = new Dictionary<string, GpcProofTupleConfig> { ["not-a-name"] = new() { Entries = ["p.a", "p.b"], IsMemberOf = "L" } },
        };
        string text = GpcJsonWriter.ProofConfig(config.CircuitIdentifier, config.Pods, config.UniquePods, config.Tuples);

        DeliberateDifference row = Assert.IsType<DeliberateDifference>(DeliberateDifferences.Find(ReferenceCall.GpcBindConfig, text));
        row.Instead.Check(() => GpcCompiler.BindConfig(config));
    }

    private static void AssertDecidedByRow(string text, Func<object?> podCall)
    {
        DeliberateDifference row = Assert.IsType<DeliberateDifference>(DeliberateDifferences.Find(ReferenceCall.GpcFromJson, text));
        row.Instead.Check(podCall);
    }
}
