using System.Text.Json.Nodes;
using Pod.Cli;
using Pod.Tests.Proving;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Cli;

/// <summary>
/// <c>pod gpc prove</c> end to end: a valid case of gpc-compile.json (chosen by content: the cheapest circuit among the cases
/// whose owner, if any, is a Semaphore V4 identity, preferring one with an external nullifier) written as the tool's files,
/// proved by the tool, verified by <c>pod gpc verify</c> and by @pcd/gpc's gpcVerify.
/// </summary>
[Trait("Category", Vectors.Trait)]
public sealed class PodCliProveTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pod-cli-prove-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Prove_ThenVerify_HereAndInPcdGpc()
    {
        JsonNode item = Case();
        (string config, string inputs, string? identity) = WriteFiles(item);
        string response = Path.Combine(_dir, "response.json");
        string artifacts = ProvingReference.Artifacts().Directory;

        var args = new List<string> { "gpc", "prove", config, inputs, "--out", response, "--artifacts", artifacts, "--json" };
        if (identity is not null)
        {
            args.AddRange(["--identity", identity]);
        }

        Run proved = Pod([.. args]);
        Assert.True(proved.Code == 0, proved.Error);
        JsonNode summary = JsonNode.Parse(proved.Output)!;
        Assert.Equal(item["boundConfig"]!["circuitIdentifier"]!.GetValue<string>(), summary["circuit"]!.GetValue<string>());
        Assert.True(summary["valid"]!.GetValue<bool>());

        // What the tool wrote: the reference's bound config and claims exactly, and a proof both verifiers accept.
        JsonNode written = JsonNode.Parse(File.ReadAllText(response))!;
        Assert.Equal(GpcVectorInputs.Text(item["boundConfig"]!), GpcVectorInputs.Text(written["boundConfig"]!));
        Assert.Equal(GpcVectorInputs.Text(item["revealedClaims"]!), GpcVectorInputs.Text(written["revealedClaims"]!));
        Run verified = Pod("gpc", "verify", response, "--artifacts", artifacts, "--json");
        Assert.True(verified.Code == 0, verified.Output + verified.Error);
        JsonArray verdicts = ProvingReference.GpcVerify([(
            GpcVectorInputs.Text(written["proof"]!), GpcVectorInputs.Text(written["boundConfig"]!), GpcVectorInputs.Text(written["revealedClaims"]!))]);
        Assert.True(verdicts[0] is JsonValue v && v.TryGetValue(out bool ok) && ok, $"@pcd/gpc's gpcVerify answers {verdicts[0]?.ToJsonString()}.");

        // Without --force the file is kept.
        Run again = Pod([.. args]);
        Assert.Equal(ExitCodes.BadInput, again.Code);
        Assert.Contains(response, again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_InputsNameAPodTheConfigDoesNot_BadInputNamingTheInputsFile_NothingWritten()
    {
        JsonNode item = Case();
        (string config, string inputs, string? identity) = WriteFiles(item);
        JsonObject spoiled = JsonNode.Parse(File.ReadAllText(inputs))!.AsObject();
        JsonObject pods = spoiled["pods"]!.AsObject();
        string first = pods.First().Key;
        JsonNode pod = pods[first]!.DeepClone();
        pods.Remove(first);
        pods["notInTheConfig"] = pod;
        File.WriteAllText(inputs, spoiled.ToJsonString());
        string response = Path.Combine(_dir, "response.json");

        var args = new List<string> { "gpc", "prove", config, inputs, "--out", response, "--artifacts", ProvingReference.Artifacts().Directory };
        if (identity is not null)
        {
            args.AddRange(["--identity", identity]);
        }

        Run run = Pod([.. args]);

        Assert.Equal(ExitCodes.BadInput, run.Code);
        Assert.StartsWith($"pod: {inputs}: proofInputs", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(response));
    }

    [Fact]
    public void Prove_UnknownInputsMember_BadInputNamingTheFieldAndFile()
    {
        JsonNode item = Case();
        (string config, string inputs, _) = WriteFiles(item);
        JsonObject spoiled = JsonNode.Parse(File.ReadAllText(inputs))!.AsObject();
        spoiled["identity"] = "secret";
        File.WriteAllText(inputs, spoiled.ToJsonString());

        Run run = Pod("gpc", "prove", config, inputs, "--out", Path.Combine(_dir, "r.json"), "--artifacts", ProvingReference.Artifacts().Directory);

        Assert.Equal(ExitCodes.BadInput, run.Code);
        Assert.Contains($"{inputs}: identity: unknown", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The case the tests prove: see the class summary.</summary>
    private static JsonNode Case()
    {
        var candidates = ProvingReference.ValidCases()
            .Where(c => c["inputs"]!["owner"]?["semaphoreV3"] is null && !GpcProverTests.RevealsNegativeSignal(c))
            .ToList();
        Assert.NotEmpty(candidates);
        return candidates
            .OrderByDescending(c => c["inputs"]!["owner"]?["externalNullifier"] is not null && c["inputs"]!["owner"]?["semaphoreV4"] is not null)
            .ThenBy(c => c["circuitDesc"]!["cost"]!.GetValue<long>())
            .ThenBy(c => c["circuitInputs"]!.ToJsonString().Length)
            .ThenBy(c => c.Str("circuitIdentifier"), StringComparer.Ordinal)
            .First();
    }

    /// <summary>The case as the tool's files: config, inputs (the vector's inputs less the owner's secrets) and an identity file.</summary>
    private (string Config, string Inputs, string? Identity) WriteFiles(JsonNode item)
    {
        string config = Path.Combine(_dir, "config.json");
        File.WriteAllText(config, GpcVectorInputs.Text(item["proofConfig"]!));
        JsonObject source = item["inputs"]!.AsObject();
        var inputs = new JsonObject { ["pods"] = source["pods"]!.DeepClone() };
        foreach (string member in new[] { "membershipLists", "watermark" })
        {
            if (source.ContainsKey(member))
            {
                inputs[member] = source[member]?.DeepClone();
            }
        }

        string? identity = null;
        if (source["owner"] is JsonObject owner)
        {
            if (owner.ContainsKey("externalNullifier"))
            {
                inputs["owner"] = new JsonObject { ["externalNullifier"] = owner["externalNullifier"]?.DeepClone() };
            }

            if (owner["semaphoreV4"] is { } v4)
            {
                identity = Path.Combine(_dir, "owner.identity");
                File.WriteAllText(identity, Convert.ToBase64String(v4.Hex("privateKeyHex")) + "\n");
            }
        }

        string inputsPath = Path.Combine(_dir, "inputs.json");
        File.WriteAllText(inputsPath, inputs.ToJsonString());
        return (config, inputsPath, identity);
    }

    private static Run Pod(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = PodCommand.Run(args, output, error);
        return new Run(code, output.ToString(), error.ToString());
    }

    private sealed record Run(int Code, string Output, string Error);
}
