using System.Text.Json.Nodes;
using Pod.Gpc.Compilation;
using Pod.Gpc.Config;
using Pod.Gpc.Serialization;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Gpc;

/// <summary>
/// Every invalid case of gpc-compile.json is refused at the reference's stage, with a
/// <see cref="GpcConfigException"/> naming the field (or a <see cref="FormatException"/> for bad JSON).
/// The reference's messages are JavaScript errors; ours say the same in our words, so each case names the
/// path and a phrase the message must hold.
/// </summary>
public sealed class GpcInvalidVectorTests
{
    private const string File = "gpc-compile.json";

    /// <summary>Case id, expected path (or, for JSON errors, a text the message holds), argument, phrase.</summary>
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "pub-bad-01-unknown-pod", "pods.ticket", "proofInputs", "\"ticket\"" },
        { "pub-bad-02-entry-missing", "pods.ticket.entries.seatNumber", "proofInputs", "ticket.seatNumber" },
        { "pub-bad-03-owner-v4-on-cryptographic", "pods.passport.entries.ownerV3", "proofInputs", "must be cryptographic" },
        { "pub-bad-04-nullifier-without-owner-entry", "owner.externalNullifier", "proofInputs", "owner entry" },
        { "pub-bad-05-empty-list", "membershipLists.cats", "proofInputs", "is empty" },
        { "pub-bad-06-list-mixed-widths", "cats", "json", "not both" },
        { "pub-bad-07-inequality-without-bounds-check", "pods.passport.entries.score.lessThan", "proofConfig", "passport.maxScore needs a bounds check" },
        { "pub-bad-08-no-circuit-fits-4-pods", "pods", "proofConfig", "4 PODs (at most 3)" },
        { "pub-bad-09-identity-mismatch", "owner.semaphoreV4", "proofInputs", "does not hold the given SemaphoreV4 identity's public key" },
        { "pub-bad-10-bound-above-int64", "pods.passport.entries.age.inRange", "proofConfig", "above the largest admissible value 9223372036854775807" },
        { "pub-bad-11-value-below-range", "pods.passport.entries.age", "proofInputs", "less than its prescribed minimum value 100" },
        { "pub-bad-12-member-and-not-member", "pods.ticket.entries.ticketCategory.isNotMemberOf", "proofConfig", "non-membership" },
        { "pub-bad-13-explicit-circuit-too-small", "circuitIdentifier", "proofConfig", "2 entries (at most 1)" },
        { "pub-bad-14-json-unknown-field", "pods.ticket.entries.attendeeName.reveal", "json", "unknown field" },
        { "pub-bad-15-verify-missing-revealed-entry", "pods.ticket.entries", "revealedClaims", "ticket.attendeeName" },
        { "pub-bad-16-not-member-of-list", "membershipLists.countries", "proofInputs", "\"NL\" of passport.nationality is not a member" },
        { "pub-bad-17-json-mixed-width-list", "cats", "json", "not both" },
    };

    [Fact]
    public void Cases_CoverEveryInvalidVector()
    {
        var ids = Vectors.Section(File, "invalid").Select(c => c!.Str("id"));
        Assert.Equal(ids.Order(StringComparer.Ordinal), Cases.Select(c => (string)c[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReferenceFailure_RefusedAtTheSameStage(string id, string path, string param, string phrase)
    {
        JsonNode item = Vectors.Section(File, "invalid").Single(c => c!.Str("id") == id)!;
        switch (item.Str("stage"))
        {
            case "proofConfigFromJSON":
                AssertFormatError(() => GpcJson.ParseProofConfig(GpcVectorInputs.Text(item["json"]!)), path, phrase);
                return;
            case "podMembershipListsFromJSON":
                AssertFormatError(() => GpcJson.ParseMembershipLists(GpcVectorInputs.Text(item["json"]!)), path, phrase);
                return;
            case "gpcPreVerify":
                GpcBoundConfig bound = GpcJson.ParseBoundConfig(GpcVectorInputs.Text(item["boundConfig"]!));
                GpcRevealedClaims claims = GpcJson.ParseRevealedClaims(GpcVectorInputs.Text(item["revealedClaims"]!));
                AssertConfigError(() => GpcVerifier.PreVerify(bound, claims), path, param, phrase);
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
            AssertConfigError(() => GpcJson.ParseProofConfig(configJson), path, "json", phrase);
        }

        GpcProofConfig config = UncheckedConfig(configJson);
        if (item.Str("stage") == "gpcBindConfig")
        {
            AssertConfigError(() => GpcCompiler.BindConfig(config), path, param, phrase);
            return;
        }

        if (item["membershipListsFromJSONError"] is not null)
        {
            // A list mixing values and tuples has no typed form: it can only fail as JSON.
            AssertFormatError(() => GpcJson.ParseMembershipLists(GpcVectorInputs.Text(item["inputs"]!["membershipLists"]!)), path, phrase);
            return;
        }

        GpcProofInputs inputs = GpcVectorInputs.Inputs(item["inputs"]!);
        AssertConfigError(() => GpcCompiler.PreProve(config, inputs), path, param, phrase);
        AssertConfigError(() => GpcCompiler.CheckProvable(config, inputs), path, param, phrase);
    }

    private static GpcProofConfig UncheckedConfig(string json)
    {
        var (circuitIdentifier, pods, uniquePods, tuples) = GpcJsonReader.Parse(json, e => GpcJsonReader.ProofConfig(e, bound: false));
        return new GpcProofConfig { CircuitIdentifier = circuitIdentifier, Pods = pods, UniquePods = uniquePods, Tuples = tuples };
    }

    private static void AssertConfigError(Action action, string path, string param, string phrase)
    {
        var e = Assert.Throws<GpcConfigException>(action);
        Assert.Equal(path, e.Path);
        Assert.Equal(param, e.ParamName);
        Assert.Contains(phrase, e.Message, StringComparison.Ordinal);
    }

    private static void AssertFormatError(Action action, string path, string phrase)
    {
        var e = Assert.Throws<FormatException>(action);
        Assert.Contains($"at {path}:", e.Message, StringComparison.Ordinal);
        Assert.Contains(phrase, e.Message, StringComparison.Ordinal);
    }
}
