using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Proving;

/// <summary>
/// What the proving tests stand on: the real circuit artifacts (POD_GPC_ARTIFACTS, installed by test.sh),
/// snarkjs 0.7.6 run by node (POD_SNARKJS: tools/snarkjs with its pinned node_modules, installed by
/// test.sh), and the valid cases of gpc-compile.json, chosen by content.
/// </summary>
internal static class ProvingReference
{
    private static readonly Dictionary<string, CircomWitnessCalculator> Calculators = [];
    private static readonly Dictionary<string, Groth16ProvingKey> Keys = [];

    public static GpcArtifacts Artifacts()
    {
        string? directory = Environment.GetEnvironmentVariable("POD_GPC_ARTIFACTS");
        Assert.False(string.IsNullOrEmpty(directory), "POD_GPC_ARTIFACTS is not set: run the tests through test.sh.");
        return new GpcArtifacts(directory!);
    }

    public static GpcArtifactPaths Paths(string circuitIdentifier) =>
        Artifacts().Locate(GpcCircuitFamily.All.First(c => c.Identifier == circuitIdentifier));

    /// <summary>The valid compile cases: each has circuit inputs, its circuit, and the public signals the reference's witness gave.</summary>
    public static IEnumerable<JsonNode> ValidCases() => Vectors.Section("gpc-compile.json", "valid").Select(c => c!);

    /// <summary>One case per circuit the vectors use, the case of smallest circuit input text when several share a circuit.</summary>
    public static IEnumerable<JsonNode> OneCasePerCircuit() =>
        ValidCases().GroupBy(c => c.Str("circuitIdentifier"))
            .Select(g => g.OrderBy(c => c["circuitInputs"]!.ToJsonString().Length).ThenBy(c => c["circuitInputs"]!.ToJsonString(), StringComparer.Ordinal).First());

    /// <summary>The case on the cheapest circuit (by the circuit description's cost).</summary>
    public static JsonNode CheapestCase() =>
        OneCasePerCircuit().OrderBy(c => c["circuitDesc"]!["cost"]!.GetValue<long>()).ThenBy(c => c.Str("circuitIdentifier"), StringComparer.Ordinal).First();

    /// <summary>A case's public signals as field elements (the vectors may write a negative signal with its sign).</summary>
    public static Fr[] PublicSignals(JsonNode item) =>
        item["publicSignals"]!.AsArray()
            .Select(s => Fr.FromBigIntegerReduced(BigInteger.Parse(s!.GetValue<string>(), CultureInfo.InvariantCulture)))
            .ToArray();

    public static CircomWitnessCalculator Calculator(string circuitIdentifier) =>
        Cached(Calculators, circuitIdentifier, id => CircomWitnessCalculator.Load(Paths(id).WasmPath));

    public static Groth16ProvingKey Key(string circuitIdentifier) =>
        Cached(Keys, circuitIdentifier, id => Groth16ProvingKey.Load(Paths(id).ProvingKeyPath));

    /// <summary>Runs tools/snarkjs/reference.js with a jobs file and returns its JSON output.</summary>
    public static JsonNode SnarkJs(string command, object jobs) =>
        RunNode("POD_SNARKJS", "snarkjs", "reference.js", command, JobsFile(jobs));

    /// <summary>Runs tools/gpc-reference/verify.cjs (@pcd/gpc's gpcVerify) on proofs given as JSON texts.</summary>
    public static JsonArray GpcVerify(IEnumerable<(string Proof, string BoundConfig, string RevealedClaims)> proofs) =>
        RunNode(
            "POD_GPC_REFERENCE", "@pcd/gpc", "verify.cjs",
            JobsFile(proofs.Select(p => new { proof = p.Proof, boundConfig = p.BoundConfig, revealedClaims = p.RevealedClaims })),
            Artifacts().Directory).AsArray();

    /// <summary>Runs tools/pod-ticket-reference/check.cjs (@pcd/pod-ticket-pcd reading ticket PODs) on POD JSON texts.</summary>
    public static JsonArray PodTicketCheck(IEnumerable<string> pods) =>
        RunNode("POD_TICKET_REFERENCE", "@pcd/pod-ticket-pcd", "check.cjs", JobsFile(pods.ToArray())).AsArray();

    private static T Cached<T>(Dictionary<string, T> cache, string key, Func<string, T> load)
    {
        lock (cache)
        {
            if (!cache.TryGetValue(key, out T? value))
            {
                value = load(key);
                cache[key] = value;
            }

            return value;
        }
    }

    internal static string JobsFile(object jobs)
    {
        string file = Path.Combine(TempDirectory(), "jobs.json");
        File.WriteAllText(file, JsonSerializer.Serialize(jobs));
        return file;
    }

    /// <summary>Runs a script of a pinned npm package folder named by an environment variable test.sh sets; its stdout as JSON.</summary>
    internal static JsonNode RunNode(string variable, string package, string script, params string[] arguments)
    {
        string? directory = Environment.GetEnvironmentVariable(variable);
        Assert.False(string.IsNullOrEmpty(directory), $"{variable} is not set: run the tests through test.sh, which installs {package} from npm.");
        var start = new ProcessStartInfo("node", [Path.Combine(directory!, script), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{package} ({script}) did not finish in five minutes.");
        Assert.True(process.ExitCode == 0, $"{package} ({script} {string.Join(' ', arguments.Take(1))}) failed: {stderr.Result}");
        return JsonNode.Parse(stdout)!;
    }

    public static string TempDirectory() => Directory.CreateTempSubdirectory("pod-proving-").FullName;
}
