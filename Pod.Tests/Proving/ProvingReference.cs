using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Pod.Gpc.Artifacts;
using Pod.Gpc.Circuits;
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

    public static CircomWitnessCalculator Calculator(string circuitIdentifier)
    {
        lock (Calculators)
        {
            if (!Calculators.TryGetValue(circuitIdentifier, out CircomWitnessCalculator? calculator))
            {
                calculator = CircomWitnessCalculator.Load(Paths(circuitIdentifier).WasmPath);
                Calculators[circuitIdentifier] = calculator;
            }

            return calculator;
        }
    }

    public static Groth16ProvingKey Key(string circuitIdentifier)
    {
        lock (Keys)
        {
            if (!Keys.TryGetValue(circuitIdentifier, out Groth16ProvingKey? key))
            {
                key = Groth16ProvingKey.Load(Paths(circuitIdentifier).ProvingKeyPath);
                Keys[circuitIdentifier] = key;
            }

            return key;
        }
    }

    /// <summary>Runs tools/snarkjs/reference.js with a jobs file and returns its JSON output.</summary>
    public static JsonNode SnarkJs(string command, object jobs)
    {
        string? directory = Environment.GetEnvironmentVariable("POD_SNARKJS");
        Assert.False(string.IsNullOrEmpty(directory), "POD_SNARKJS is not set: run the tests through test.sh, which installs snarkjs from npm.");
        string jobsFile = Path.Combine(Directory.CreateTempSubdirectory("pod-snarkjs-").FullName, "jobs.json");
        File.WriteAllText(jobsFile, JsonSerializer.Serialize(jobs));
        var start = new ProcessStartInfo("node", [Path.Combine(directory!, "reference.js"), command, jobsFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "snarkjs did not finish in five minutes.");
        Assert.True(process.ExitCode == 0, $"snarkjs {command} failed: {stderr.Result}");
        return JsonNode.Parse(stdout)!;
    }

    /// <summary>Runs tools/gpc-reference/verify.cjs (@pcd/gpc's gpcVerify) on proofs given as JSON texts.</summary>
    public static JsonArray GpcVerify(IEnumerable<(string Proof, string BoundConfig, string RevealedClaims)> proofs)
    {
        string? directory = Environment.GetEnvironmentVariable("POD_GPC_REFERENCE");
        Assert.False(string.IsNullOrEmpty(directory), "POD_GPC_REFERENCE is not set: run the tests through test.sh, which installs @pcd/gpc from npm.");
        string jobsFile = Path.Combine(TempDirectory(), "jobs.json");
        File.WriteAllText(jobsFile, JsonSerializer.Serialize(proofs.Select(p => new { proof = p.Proof, boundConfig = p.BoundConfig, revealedClaims = p.RevealedClaims })));
        var start = new ProcessStartInfo("node", [Path.Combine(directory!, "verify.cjs"), jobsFile, Artifacts().Directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "gpcVerify did not finish in five minutes.");
        Assert.True(process.ExitCode == 0, $"gpcVerify failed: {stderr.Result}");
        return JsonNode.Parse(stdout)!.AsArray();
    }

    public static string TempDirectory() => Directory.CreateTempSubdirectory("pod-proving-").FullName;
}
