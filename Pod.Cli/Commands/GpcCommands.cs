using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pod.Gpc;

namespace Pod.Cli.Commands;

/// <summary><c>pod gpc compile|verify</c>: GPC proof configs and proofs, as @pcd/gpc makes them.</summary>
internal static class GpcCommands
{
    /// <summary>The environment variable naming the installed @pcd/proto-pod-gpc-artifacts directory.</summary>
    public const string ArtifactsVariable = "POD_GPC_ARTIFACTS";

    public static Command Create(Func<ParseResult, CliOutput> outputFor) =>
        new("gpc", "GPC proofs: compile a proof config, prove, verify a proof.") { Compile(outputFor), GpcProveCommand.Create(outputFor), Verify(outputFor) };

    private static Command Compile(Func<ParseResult, CliOutput> outputFor)
    {
        var configFile = new Argument<string>("config") { Description = "A GPC proof config (GPCProofConfig JSON)." };
        var command = new Command("compile", "Check a proof config, canonicalize it and pick the smallest circuit it fits.") { configFile };
        command.SetAction(result =>
        {
            string path = result.GetValue(configFile)!;
            GpcBinding binding = CliFiles.ReadJson(path, root => GpcCompiler.BindConfig(GpcJson.ParseProofConfig(root.GetRawText())));
            string bound = GpcJson.SerializeBoundConfig(binding.BoundConfig);
            outputFor(result).Result(
                new JsonObject { ["circuit"] = binding.Circuit.Identifier, ["boundConfig"] = JsonNode.Parse(bound) },
                $"Circuit: {binding.Circuit.Identifier}",
                $"Bound config: {bound}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Verify(Func<ParseResult, CliOutput> outputFor)
    {
        var proofFile = new Argument<string>("proof") { Description = "What gpcProve returns: a JSON object with proof, boundConfig and revealedClaims." };
        var artifacts = new Option<string?>("--artifacts")
        {
            Description = $"The installed @pcd/proto-pod-gpc-artifacts directory (default: ${ArtifactsVariable}).",
        };
        var command = new Command("verify", "Verify a GPC proof: exit 0 when valid, 1 when not (with the reason).") { proofFile, artifacts };
        command.SetAction(result =>
        {
            string path = result.GetValue(proofFile)!;
            (Groth16Proof proof, GpcBoundConfig bound, GpcRevealedClaims claims) = CliFiles.ReadJson(path, root => (
                Groth16Proof.Parse(Field(root, "proof").GetRawText()),
                GpcJson.ParseBoundConfig(Field(root, "boundConfig").GetRawText()),
                GpcJson.ParseRevealedClaims(Field(root, "revealedClaims").GetRawText())));

            string directory = result.GetValue(artifacts) ?? Environment.GetEnvironmentVariable(ArtifactsVariable)
                ?? throw new CliInputException($"--artifacts: no artifacts directory given and ${ArtifactsVariable} is not set.");
            GpcVerificationKeys keys;
            try
            {
                keys = new GpcVerificationKeys(new GpcArtifacts(directory));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new CliInputException($"{directory}: {e.Message}", e);
            }

            GpcVerificationResult verified = GpcVerifier.Verify(proof, bound, claims, keys);
            if (verified.Failure == GpcVerificationFailure.KeyUnavailable)
            {
                // The installation's fault, not the proof's: an input error, as a missing directory is.
                throw new CliInputException($"{directory}: {verified.Description}");
            }

            var json = new JsonObject
            {
                ["valid"] = verified.IsValid,
                ["circuit"] = bound.CircuitIdentifier,
                ["failure"] = verified.Description,
                ["externalNullifier"] = verified.ExternalNullifier?.ToString(),
                ["nullifierHash"] = verified.NullifierHash?.ToString(),
            };
            outputFor(result).Result(
                json,
                verified.IsValid
                    ? $"{path}: valid ({bound.CircuitIdentifier}){(verified.NullifierHash is { } hash ? $", nullifier hash {hash}" : "")}."
                    : $"{path}: INVALID: {verified.Description}");
            return verified.IsValid ? ExitCodes.Success : ExitCodes.VerificationFailed;
        });
        return command;
    }

    private static JsonElement Field(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement value)
            ? value
            : throw new FormatException($"{name}: missing; the file must be an object with proof, boundConfig and revealedClaims.");
}
