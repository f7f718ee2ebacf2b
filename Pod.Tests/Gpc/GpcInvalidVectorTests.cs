using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Pod.Gpc;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Gpc;

/// <summary>
/// Every invalid case of gpc-compile.json is refused at the reference's stage, with a
/// <see cref="GpcConfigException"/> (or a <see cref="FormatException"/> for bad JSON). The reference's messages are
/// JavaScript errors and ours are Pod's own words, so what is checked comes from the case itself: the stage, and
/// every name the reference's message points at (an entry such as <c>passport.age</c>, a quoted value or list name)
/// appears in Pod's error too.
/// </summary>
[Trait("Category", Vectors.Trait)]
public sealed partial class GpcInvalidVectorTests
{
    private const string File = "gpc-compile.json";

    public static TheoryData<int> Cases => Vectors.Indices(File, "invalid");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReferenceFailure_RefusedAtTheSameStage(int index)
    {
        JsonNode item = Vectors.Item(File, index, "invalid");
        string[] names = NamesIn(item["error"]!.Str("message"));
        switch (item.Str("stage"))
        {
            case "proofConfigFromJSON":
                AssertNamed(Assert.Throws<FormatException>(() => GpcJson.ParseProofConfig(GpcVectorInputs.Text(item["json"]!))), names);
                return;
            case "podMembershipListsFromJSON":
                AssertNamed(Assert.Throws<FormatException>(() => GpcJson.ParseMembershipLists(GpcVectorInputs.Text(item["json"]!))), names);
                return;
            case "gpcPreVerify":
                GpcBoundConfig bound = GpcJson.ParseBoundConfig(GpcVectorInputs.Text(item["boundConfig"]!));
                GpcRevealedClaims claims = GpcJson.ParseRevealedClaims(GpcVectorInputs.Text(item["revealedClaims"]!));
                AssertNamed(Assert.Throws<GpcConfigException>(() => GpcVerifier.PreVerify(bound, claims)), names);
                return;
        }

        string configJson = GpcVectorInputs.Text(item["proofConfig"]!);
        if (item["proofConfigFromJSONError"] is null)
        {
            GpcJson.ParseProofConfig(configJson);
        }
        else
        {
            // The reference's proofConfigFromJSON checks the config too, and fails the same way.
            AssertNamed(Assert.Throws<GpcConfigException>(() => GpcJson.ParseProofConfig(configJson)), names);
        }

        GpcProofConfig config = UncheckedConfig(configJson);
        switch (item.Str("stage"))
        {
            case "gpcBindConfig":
                AssertNamed(Assert.Throws<GpcConfigException>(() => GpcCompiler.BindConfig(config)), names);
                return;
            case "gpcPreProve":
                break;
            case string stage:
                Assert.Fail($"Unknown stage {stage}.");
                break;
        }

        if (item["membershipListsFromJSONError"] is not null)
        {
            // A list the reference's JSON reader refuses has no typed form here: it can only fail as JSON.
            AssertNamed(Assert.Throws<FormatException>(() => GpcJson.ParseMembershipLists(GpcVectorInputs.Text(item["inputs"]!["membershipLists"]!))), names);
            return;
        }

        GpcProofInputs inputs = GpcVectorInputs.Inputs(item["inputs"]!);
        var preProve = Assert.Throws<GpcConfigException>(() => GpcCompiler.PreProve(config, inputs));
        AssertNamed(preProve, names);
        var provable = Assert.Throws<GpcConfigException>(() => GpcCompiler.CheckProvable(config, inputs));
        Assert.Equal((preProve.Path, preProve.ParamName), (provable.Path, provable.ParamName));
    }

    /// <summary>
    /// The names a reference message points at: dotted identifiers (<c>ticket.seatNumber</c>, a JSON path) and quoted
    /// texts, except the requirement dumps (JSON objects) a few messages carry.
    /// </summary>
    private static string[] NamesIn(string message)
    {
        string previous;
        do
        {
            previous = message;
            message = JsonObjectText().Replace(message, " ");
        }
        while (message != previous);

        return DottedName().Matches(message).Select(m => m.Value)
            .Concat(QuotedText().Matches(message).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Each name is in Pod's error: its message, or its path (a POD entry's path <c>pods.P.entries.E</c> names <c>P.E</c>).</summary>
    private static void AssertNamed(Exception error, string[] names)
    {
        string path = error is GpcConfigException config ? config.Path : "";
        string said = $"{error.Message} {path} {EntryPath().Replace(path, "$1.$2")}";
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.All(names, name => Assert.Contains(name, said, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"(?<![\w.""-])[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?![\w-])")]
    private static partial Regex DottedName();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex JsonObjectText();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex QuotedText();

    [GeneratedRegex(@"^pods\.([^.]+)\.entries\.([^.]+)")]
    private static partial Regex EntryPath();

    private static GpcProofConfig UncheckedConfig(string json)
    {
        var (circuitIdentifier, pods, uniquePods, tuples) = GpcJsonReader.Parse(json, e => GpcJsonReader.ProofConfig(e, bound: false));
        return new GpcProofConfig { CircuitIdentifier = circuitIdentifier, Pods = pods, UniquePods = uniquePods, Tuples = tuples };
    }
}
