using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Identity;
using Pod.Serialization;
using Spectre.Console;

namespace Pod.Cli.Commands;

/// <summary>
/// <c>pod gpc prove</c>: gpcProve from files. A proof config (GPCProofConfig JSON), a proof inputs file (README, the pod tool section: PODs
/// as @pcd/pod JSON, membership lists, watermark and external nullifier as @pcd/gpc writes them) and the owner's identity
/// file give the proof, bound config and revealed claims in one file that <c>pod gpc verify</c> and @pcd/gpc's gpcVerify read.
/// </summary>
internal static class GpcProveCommand
{
    // The progress bar's rows: the prover's phases, with its Groth16 phase opened into the FFTs and MSMs.
    private static readonly (string Key, string Label)[] Rows =
    [
        (nameof(GpcProvingPhase.Compile), "Check and compile"),
        (nameof(GpcProvingPhase.LoadArtifacts), "Load circuit"),
        (nameof(GpcProvingPhase.Witness), "Witness (circuit wasm)"),
        (nameof(Groth16ProvingPhase.Polynomials), "Constraint polynomials"),
        (nameof(Groth16ProvingPhase.QuotientEvaluations), "FFTs (quotient)"),
        (nameof(Groth16ProvingPhase.MultiExpA), "MSM A"),
        (nameof(Groth16ProvingPhase.MultiExpB1), "MSM B1"),
        (nameof(Groth16ProvingPhase.MultiExpB2), "MSM B2 (G2)"),
        (nameof(Groth16ProvingPhase.MultiExpC), "MSM C"),
        (nameof(Groth16ProvingPhase.MultiExpH), "MSM H"),
        (nameof(Groth16ProvingPhase.Assembly), "Assemble"),
        (nameof(Groth16ProvingPhase.SelfCheck), "Self-check (pairing)"),
    ];

    public static Command Create(Func<ParseResult, CliOutput> outputFor)
    {
        var configFile = new Argument<string>("config") { Description = "A GPC proof config (GPCProofConfig JSON)." };
        var inputsFile = new Argument<string>("inputs") { Description = "The proof inputs: pods, membershipLists, watermark, owner.externalNullifier (README, the pod tool section)." };
        var identityFile = new Option<string?>("--identity") { Description = "The owner's Semaphore V4 identity file (pod identity new), for owner entries and nullifiers." };
        var outFile = new Option<string>("--out") { Description = "Where to write {proof, boundConfig, revealedClaims}.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing output file." };
        var artifacts = new Option<string?>("--artifacts")
        {
            Description = $"The installed @pcd/proto-pod-gpc-artifacts directory (default: ${GpcCommands.ArtifactsVariable}).",
        };
        var command = new Command("prove", "Prove a GPC config about PODs (gpcProve); the proof is checked before it is written.")
        {
            configFile, inputsFile, identityFile, outFile, force, artifacts,
        };
        command.SetAction(result =>
        {
            string configPath = result.GetValue(configFile)!;
            string inputsPath = result.GetValue(inputsFile)!;
            string outPath = result.GetValue(outFile)!;
            if (File.Exists(outPath) && !result.GetValue(force))
            {
                throw new CliInputException($"{outPath}: already exists; pass --force to replace it.");
            }

            GpcProofConfig config = CliFiles.ReadJson(configPath, root => GpcJson.ParseProofConfig(root.GetRawText()));
            string? identityPath = result.GetValue(identityFile);
            using SemaphoreIdentity? identity = identityPath is null ? null : CliFiles.ReadIdentity(identityPath);
            GpcProofInputs inputs = ReadInputs(inputsPath, identity);
            string directory = result.GetValue(artifacts) ?? Environment.GetEnvironmentVariable(GpcCommands.ArtifactsVariable)
                ?? throw new CliInputException($"--artifacts: no artifacts directory given and ${GpcCommands.ArtifactsVariable} is not set.");

            CliOutput output = outputFor(result);
            GpcProvingResult proved = Prove(output, new GpcArtifacts(directory), directory, config, inputs, configPath, inputsPath);

            string proofJson = proved.Proof.ToJson();
            string boundJson = GpcJson.SerializeBoundConfig(proved.BoundConfig);
            string claimsJson = GpcJson.SerializeRevealedClaims(proved.RevealedClaims);
            var response = new JsonObject
            {
                ["proof"] = JsonNode.Parse(proofJson),
                ["boundConfig"] = JsonNode.Parse(boundJson),
                ["revealedClaims"] = JsonNode.Parse(claimsJson),
            };

            // The tool hands out only proofs it verified itself, with the circuit's verification key.
            GpcVerificationResult verified = VerifyOwn(proved, directory);
            if (!verified.IsValid)
            {
                output.Result(
                    new JsonObject { ["valid"] = false, ["failure"] = verified.Description },
                    $"The proof made does not verify: {verified.Description}. Nothing was written.");
                return ExitCodes.VerificationFailed;
            }

            CliFiles.WriteText(outPath, response.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            output.Result(
                new JsonObject
                {
                    ["file"] = outPath,
                    ["circuit"] = proved.BoundConfig.CircuitIdentifier,
                    ["valid"] = true,
                    ["externalNullifier"] = verified.ExternalNullifier?.ToString(),
                    ["nullifierHash"] = verified.NullifierHash?.ToString(),
                },
                $"Wrote {outPath}: a proof on {proved.BoundConfig.CircuitIdentifier}, verified"
                + (verified.NullifierHash is { } hash ? $"; nullifier hash {hash}." : "."));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Reads the inputs file: <c>pods</c> (name to a JSONPOD object, or to the path of a POD file, JSON or MessagePack,
    /// relative to the inputs file), <c>membershipLists</c> (as podMembershipListsToJSON writes them), <c>watermark</c> and
    /// <c>owner.externalNullifier</c> (JSON POD values). The owner's identity comes from the identity file, never from here.
    /// </summary>
    private static GpcProofInputs ReadInputs(string path, SemaphoreIdentity? identity)
    {
        string baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return CliFiles.ReadJson(path, root =>
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the inputs must be a JSON object with pods and optionally owner, membershipLists, watermark.");
            }

            var pods = new Dictionary<string, SignedPod>(StringComparer.Ordinal);
            PodValue? externalNullifier = null;
            IReadOnlyDictionary<string, GpcMembershipList>? lists = null;
            PodValue? watermark = null;
            bool hasPods = false;
            foreach (JsonProperty member in root.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "pods":
                        hasPods = true;
                        if (member.Value.ValueKind != JsonValueKind.Object)
                        {
                            throw new FormatException("pods: must be an object of names to PODs.");
                        }

                        foreach (JsonProperty pod in member.Value.EnumerateObject())
                        {
                            pods[pod.Name] = pod.Value.ValueKind == JsonValueKind.String
                                ? CliFiles.ReadPod(Path.Combine(baseDirectory, pod.Value.GetString()!), out _)
                                : ParsePod(pod.Value, $"pods.{pod.Name}");
                        }

                        break;
                    case "owner":
                        if (member.Value.ValueKind != JsonValueKind.Object)
                        {
                            throw new FormatException("owner: must be an object (the identity comes from --identity).");
                        }

                        foreach (JsonProperty ownerMember in member.Value.EnumerateObject())
                        {
                            externalNullifier = ownerMember.Name == "externalNullifier"
                                ? PodJson.ParseValue(ownerMember.Value.GetRawText(), "owner.externalNullifier")
                                : throw new FormatException($"owner.{ownerMember.Name}: unknown; the owner's identity comes from --identity, never from the inputs file.");
                        }

                        break;
                    case "membershipLists":
                        lists = GpcJson.ParseMembershipLists(member.Value.GetRawText());
                        break;
                    case "watermark":
                        watermark = PodJson.ParseValue(member.Value.GetRawText(), "watermark");
                        break;
                    default:
                        throw new FormatException($"{member.Name}: unknown; the inputs have pods, owner, membershipLists and watermark.");
                }
            }

            if (!hasPods)
            {
                throw new FormatException("pods: missing.");
            }

            GpcProofOwnerInputs? owner = identity is null && externalNullifier is null ? null : new GpcProofOwnerInputs
            {
                SemaphoreV4 = identity,
                ExternalNullifier = externalNullifier,
            };
            return new GpcProofInputs { Pods = pods, Owner = owner, MembershipLists = lists, Watermark = watermark };
        });
    }

    private static SignedPod ParsePod(JsonElement element, string field)
    {
        try
        {
            return PodJson.Parse(element.GetRawText());
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new FormatException($"{field}: not a POD in @pcd/pod's JSON: {e.Message}", e);
        }
    }

    private static GpcProvingResult Prove(
        CliOutput output, GpcArtifacts artifacts, string directory, GpcProofConfig config, GpcProofInputs inputs, string configPath, string inputsPath)
    {
        var prover = new GpcProver(artifacts);
        try
        {
            if (output.Json || !output.Console.Profile.Capabilities.Interactive)
            {
                return prover.Prove(config, inputs);
            }

            GpcProvingResult? proved = null;
            output.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var tasks = Rows.ToDictionary(r => r.Key, r => context.AddTask(r.Label, autoStart: false, maxValue: 1));
                    ProgressTask? current = null;
                    void Begin(string key)
                    {
                        if (current is not null)
                        {
                            current.Value = 1;
                            current.StopTask();
                        }

                        current = tasks[key];
                        current.StartTask();
                        current.IsIndeterminate = true;
                    }

                    // The prover reports on its own thread, in order; Begin only touches Spectre's thread-safe tasks.
                    proved = prover.Prove(
                        config,
                        inputs,
                        new InlineProgress<GpcProvingPhase>(phase =>
                        {
                            // Prove opens into the Groth16 phases, which have rows of their own.
                            if (phase != GpcProvingPhase.Prove)
                            {
                                Begin(phase.ToString());
                            }
                        }),
                        new InlineProgress<Groth16ProvingPhase>(phase => Begin(phase.ToString())),
                        CancellationToken.None);
                    current!.IsIndeterminate = false;
                    current.Value = 1;
                    current.StopTask();
                    foreach (ProgressTask task in tasks.Values.Where(t => !t.IsStarted))
                    {
                        // Phases a run skips (a circuit already loaded) show as done.
                        task.Value = 1;
                    }
                });
            return proved!;
        }
        catch (GpcConfigException e)
        {
            // ParamName is @pcd/gpc's argument at fault: proofInputs or proofConfig. The message ends with ParamName's note.
            string file = e.ParamName == "proofInputs" ? inputsPath : configPath;
            throw new CliInputException($"{file}: {e.ParamName}.{e.Path}: {e.Message}", e);
        }
        catch (CircomWitnessException e)
        {
            throw new CliInputException($"{inputsPath}: the circuit refused the inputs: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{directory}: {e.Message}", e);
        }
    }

    private static GpcVerificationResult VerifyOwn(GpcProvingResult proved, string directory)
    {
        GpcVerificationKeys keys;
        try
        {
            keys = new GpcVerificationKeys(new GpcArtifacts(directory));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{directory}: {e.Message}", e);
        }

        GpcVerificationResult verified = GpcVerifier.Verify(proved.Proof, proved.BoundConfig, proved.RevealedClaims, keys);
        return verified.Failure == GpcVerificationFailure.KeyUnavailable
            ? throw new CliInputException($"{directory}: {verified.Description}")
            : verified;
    }

    /// <summary>Calls back on the reporting thread, at once (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
