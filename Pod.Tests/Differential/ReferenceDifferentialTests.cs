using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Serialization;
using Pod.Tests.Proving;
using Pod.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Pod.Tests.Differential;

/// <summary>
/// The live differential against the reference itself (<c>@pcd/pod</c> 0.5.1 and <c>@pcd/gpc</c> 0.4.1, run by node
/// from tools/gpc-reference/differential.cjs, installed by test.sh): random PODs signed by Pod load, verify and
/// serialise byte for byte in the reference and the reverse, and random GPC configs and inputs bind, compile and
/// reveal the same in both, down to every circuit signal and the outputs of the circuit's own witness. Inputs come
/// from one seed, <c>POD_DIFF_SEED</c> (test.sh draws and prints a fresh one each run); <c>POD_DIFF_SCALE</c>
/// multiplies the number of cases (1 in CI). Every disagreement is listed with the seed and the case, and fails the
/// test unless a row of <see cref="DeliberateDifferences"/> decides its class, whose behaviour Pod must then have.
/// </summary>
[Trait("Category", Trait)]
public sealed class ReferenceDifferentialTests(ITestOutputHelper output)
{
    public const string Trait = "Differential";

    // Sized for CI, where signing in JavaScript costs most (about 0.15 s of CPU per POD). About one scenario in
    // eight compiles, so 80 leave none compiled with odds of about 1 in 30,000.
    private const int PodsPerDirection = 60;
    private const int GpcScenarioCount = 80;

    private static readonly Lazy<int> LazySeed = new(() =>
        int.TryParse(Environment.GetEnvironmentVariable("POD_DIFF_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
            ? seed
            : Random.Shared.Next());

    private static int Seed => LazySeed.Value;

    private static int Scale =>
        int.TryParse(Environment.GetEnvironmentVariable("POD_DIFF_SCALE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int scale) && scale > 0 ? scale : 1;

    [Fact]
    public void Pods_SignedByPod_LoadVerifyAndSerialiseByteForByteInPcdPod()
    {
        var rng = new Random(Seed);
        var cases = Enumerable.Range(0, PodsPerDirection * Scale).Select(_ => DifferentialPods.Build(rng)).ToList();
        var pods = cases.Select(c => { using var key = EdDsaPrivateKey.Import(c.PrivateKey); return SignedPod.Sign(c.Entries, key); }).ToList();
        var timer = Stopwatch.StartNew();
        JsonArray answers = Reference("check-pods", ProvingReference.JobsFile(
            pods.Select((p, i) => new { json = PodJson.Serialize(p), privateKey = Convert.ToHexStringLower(cases[i].PrivateKey) }))).AsArray();

        var disagreements = new List<string>();
        for (int i = 0; i < pods.Count; i++)
        {
            SignedPod pod = pods[i];
            JsonNode answer = answers[i]!;
            string json = PodJson.Serialize(pod);
            string Where(string what) => $"POD {i} ({pod.Entries.Count} entries, content ID {pod.ContentId}): {what}";
            if (answer["error"] is { } error)
            {
                disagreements.Add(Where($"@pcd/pod refused it: {error}"));
                continue;
            }

            if (answer.Str("contentID") != pod.ContentId.ToString())
            {
                disagreements.Add(Where($"@pcd/pod's content ID is {answer.Str("contentID")}"));
            }

            if (!answer["verified"]!.GetValue<bool>())
            {
                disagreements.Add(Where("@pcd/pod's verifySignature is false"));
            }

            if (DeliberateDifferences.Find(ReferenceCall.PodToJson, pod.Entries.Select(e => e.Key).ToList()) is { } row)
            {
                // The reference writes the POD without the entry it drops; Pod's JSON keeps every entry and still verifies.
                Check(disagreements, Where(row.ToString()), () => row.Instead.Check(() => PodJson.Parse(json) == pod && PodJson.Parse(json).Verify() ? "written" : "dropped"));
                continue;
            }

            foreach (string form in new[] { "json", "resigned" })
            {
                if (answer.Str(form) != json)
                {
                    disagreements.Add(Where($"@pcd/pod's {(form == "json" ? "toJSON" : "POD.sign(...).toJSON")} differs: {answer.Str(form)} vs Pod's {json}"));
                }
            }
        }

        Report("PODs signed by Pod, checked by @pcd/pod", pods.Count, timer.Elapsed, disagreements);
    }

    [Fact]
    public void Pods_SignedByPcdPod_LoadVerifyAndSerialiseByteForByteInPod()
    {
        var timer = Stopwatch.StartNew();
        JsonArray made = Reference("make-pods", Seed.ToString(CultureInfo.InvariantCulture), (PodsPerDirection * Scale).ToString(CultureInfo.InvariantCulture)).AsArray();

        var disagreements = new List<string>();
        for (int i = 0; i < made.Count; i++)
        {
            JsonNode node = made[i]!;
            string json = node.Str("json");
            string Where(string what) => $"@pcd/pod's POD {i} (content ID {node.Str("contentID")}): {what}; its JSON: {json}";
            if (DeliberateDifferences.Find(ReferenceCall.PodFromJson, json) is { } row)
            {
                Check(disagreements, Where(row.ToString()), () => row.Instead.Check(() => PodJson.Parse(json).Verify()));
                continue;
            }

            SignedPod pod;
            try
            {
                pod = PodJson.Parse(json);
            }
            catch (FormatException e)
            {
                disagreements.Add(Where($"Pod refused it: {e.Message}"));
                continue;
            }

            using var key = EdDsaPrivateKey.Parse(node.Str("privateKey"));
            SignedPod resigned = SignedPod.Sign(pod.Entries, key);
            foreach (var (what, differs) in new (string, bool)[]
            {
                ("Pod's content ID differs: " + pod.ContentId, pod.ContentId.ToString() != node.Str("contentID")),
                ("Pod's Verify is false", !pod.Verify()),
                ("Pod's JSON differs: " + PodJson.Serialize(pod), PodJson.Serialize(pod) != json),
                ("Pod's signature of the same entries and key differs: " + PodJson.Serialize(resigned), PodJson.Serialize(resigned) != json),
            })
            {
                if (differs)
                {
                    disagreements.Add(Where(what));
                }
            }
        }

        Report("PODs signed by @pcd/pod, checked by Pod", made.Count, timer.Elapsed, disagreements);
    }

    [Fact]
    public void GpcScenarios_BindCompileAndRevealAsPcdGpc()
    {
        var rng = new Random(Seed);
        var scenarios = Enumerable.Range(0, GpcScenarioCount * Scale).Select(_ => GpcScenarios.Build(rng.Next())).ToList();
        var jobs = scenarios.Select(Job).ToList();
        var timer = Stopwatch.StartNew();
        JsonArray answers = Reference("gpc", ProvingReference.JobsFile(jobs), ProvingReference.Artifacts().Directory).AsArray();

        var disagreements = new List<string>();
        var circuitRefused = new List<string>();
        int compiled = 0;
        for (int i = 0; i < scenarios.Count; i++)
        {
            GpcScenarios.Scenario scenario = scenarios[i];
            JsonNode answer = answers[i]!;
            string Where(string what) => $"{scenario}: {what}";
            DeliberateDifference? bindRow = DeliberateDifferences.Find(ReferenceCall.GpcBindConfig, jobs[i].Str("proofConfig"));
            if (answer["proofConfigFromJSON"] is { } configError)
            {
                // The reference's JSON reader checks the config as gpcBindConfig does: Pod must refuse it too.
                Decide(disagreements, Where("proofConfigFromJSON"), bindRow, jobs[i], configError, () => GpcCompiler.BindConfig(scenario.Config));
                Decide(disagreements, Where("gpcPreProve"), null, jobs[i], configError, () => GpcCompiler.PreProve(scenario.Config, scenario.Inputs));
                continue;
            }

            if (answer["inputs"] is { } inputsError)
            {
                disagreements.Add(Where($"@pcd/gpc could not load the inputs Pod wrote: {inputsError}"));
                continue;
            }

            GpcBinding? binding = Decide(disagreements, Where("gpcBindConfig"), bindRow, jobs[i], answer["bind"]!["error"], () => GpcCompiler.BindConfig(scenario.Config));
            if (binding is not null && answer["bind"]!["error"] is null)
            {
                Compare(disagreements, Where("gpcBindConfig's circuit"), answer["bind"]!.Str("circuitIdentifier"), binding.Circuit.Identifier);
                Compare(disagreements, Where("gpcBindConfig's bound config"), answer["bind"]!.Str("boundConfig"), GpcJson.SerializeBoundConfig(binding.BoundConfig));
            }

            JsonNode preProve = answer["preProve"]!;
            GpcProofPreparation? prepared = Decide(disagreements, Where("gpcPreProve"), null, jobs[i], preProve["error"], () => GpcCompiler.PreProve(scenario.Config, scenario.Inputs));
            if (prepared is null || preProve["error"] is not null)
            {
                continue;
            }

            compiled++;
            Compare(disagreements, Where("gpcPreProve's circuit"), preProve.Str("circuitIdentifier"), prepared.Circuit.Identifier);
            Compare(disagreements, Where("gpcPreProve's bound config"), preProve.Str("boundConfig"), GpcJson.SerializeBoundConfig(prepared.BoundConfig));
            Check(disagreements, Where("circuit inputs"), () => GpcVectorInputs.AssertSignals(preProve["circuitInputs"]!, prepared.Inputs));
            JsonNode circuit = answer["circuit"]!;
            if (circuit["error"] is { } circuitError)
            {
                // Both checks passed what the circuit cannot prove: listed, since both agree, for the reader to judge.
                circuitRefused.Add(Where($"both accept; the circuit's witness refuses: {circuitError.GetValue<string>().ReplaceLineEndings(" ")}"));
                continue;
            }

            Check(disagreements, Where("circuit outputs (the circuit's own witness)"), () => GpcVectorInputs.AssertSignals(circuit["circuitOutputs"]!, prepared.Outputs));
            Compare(disagreements, Where("revealed claims"), circuit.Str("revealedClaims"), GpcJson.SerializeRevealedClaims(prepared.RevealedClaims));
        }

        foreach (string refused in circuitRefused)
        {
            output.WriteLine(refused);
        }

        // Random configs must reach both decisions, or the comparison of signals tests nothing.
        Assert.True(compiled > 0 && compiled < scenarios.Count, $"Seed {Seed}: {compiled} of {scenarios.Count} scenarios compiled; the generator should give both.");
        Report($"GPC scenarios compiled by Pod and @pcd/gpc ({compiled} compiled by both, {circuitRefused.Count} of them then refused by the circuit)", scenarios.Count, timer.Elapsed, disagreements);
    }

    /// <summary>The job differential.cjs reads for a scenario: the config, PODs, lists and values in their JSON forms, and the owner's secrets.</summary>
    private static JsonObject Job(GpcScenarios.Scenario scenario)
    {
        GpcProofInputs inputs = scenario.Inputs;
        var job = new JsonObject
        {
            // Written unchecked: a config Pod refuses must reach the reference as it is, for its own decision.
            ["proofConfig"] = GpcJsonWriter.ProofConfig(scenario.Config.CircuitIdentifier, scenario.Config.Pods, scenario.Config.UniquePods, scenario.Config.Tuples),
            ["pods"] = new JsonObject(inputs.Pods.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)PodJson.Serialize(p.Value)))),
        };
        if (inputs.MembershipLists is { } lists)
        {
            job["membershipLists"] = GpcJson.SerializeMembershipLists(lists);
        }

        if (inputs.Owner is { } owner)
        {
            var ownerNode = new JsonObject();
            if (owner.SemaphoreV4 is not null)
            {
                ownerNode["v4PrivateKeyHex"] = Convert.ToHexStringLower(scenario.Secrets.V4PrivateKey);
            }

            if (owner.SemaphoreV3 is not null)
            {
                ownerNode["v3"] = new JsonObject { ["trapdoor"] = scenario.Secrets.V3Trapdoor.ToHexString(), ["nullifier"] = scenario.Secrets.V3Nullifier.ToHexString() };
            }

            if (owner.ExternalNullifier is { } nullifier)
            {
                ownerNode["externalNullifier"] = PodJson.SerializeValue(nullifier);
            }

            job["owner"] = ownerNode;
        }

        if (inputs.Watermark is { } watermark)
        {
            job["watermark"] = PodJson.SerializeValue(watermark);
        }

        return job;
    }

    /// <summary>
    /// Compares the two decisions: both accept (Pod's answer is returned for comparing), both refuse (Pod with a
    /// <see cref="GpcConfigException"/>), or they differ. Where a row of the table decides the input's class, Pod
    /// must behave as the row says instead. (gpcPreProve has no row of its own: a config a binding row refuses
    /// fails the reference's compilation too, and the owner-key row is for a text form the scenarios never write.)
    /// </summary>
    private static T? Decide<T>(List<string> disagreements, string where, DeliberateDifference? row, JsonObject job, JsonNode? referenceError, Func<T> podCall)
        where T : class
    {
        if (row is not null)
        {
            Check(disagreements, $"{where}: {row}", () => row.Instead.Check(() => podCall()));
            return null;
        }

        try
        {
            T answer = podCall();
            if (referenceError is not null)
            {
                disagreements.Add($"{where}: Pod accepts what @pcd/gpc refuses ({referenceError}); job {job.ToJsonString()}");
            }

            return answer;
        }
        catch (GpcConfigException e)
        {
            if (referenceError is null)
            {
                disagreements.Add($"{where}: Pod refuses what @pcd/gpc accepts ({e.Message}); job {job.ToJsonString()}");
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            disagreements.Add($"{where}: Pod failed with {e.GetType().Name} instead of a GpcConfigException: {e.Message}");
        }

        return null;
    }

    private static void Compare(List<string> disagreements, string where, string reference, string pod)
    {
        if (reference != pod)
        {
            disagreements.Add($"{where} differs: @pcd/gpc {reference} vs Pod {pod}");
        }
    }

    private static void Check(List<string> disagreements, string where, Action check)
    {
        try
        {
            check();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            disagreements.Add($"{where}: {e.Message}");
        }
    }

    private static JsonNode Reference(params string[] arguments) =>
        ProvingReference.RunNode("POD_GPC_REFERENCE", "@pcd/gpc", "differential.cjs", arguments);

    private void Report(string what, int count, TimeSpan elapsed, List<string> disagreements)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {count} cases, seed {Seed}, {elapsed.TotalSeconds:F1} s, {disagreements.Count} disagreements."));
        Assert.True(
            disagreements.Count == 0,
            $"{what}: {disagreements.Count} disagreement(s) with the reference on seed {Seed} (replay: POD_DIFF_SEED={Seed}):\n"
            + string.Join("\n", disagreements.Take(20)));
    }
}
