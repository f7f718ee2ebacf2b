using System.CommandLine;
using System.Text.Json.Nodes;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Serialization;
using Spectre.Console;

namespace Pod.Cli.Commands;

/// <summary><c>pod sign|verify|inspect|convert</c>: PODs in JSON (JSONPOD) and MessagePack.</summary>
internal static class PodCommands
{
    private const string Json = "json";
    private const string MessagePack = "msgpack";

    public static Command Sign(Func<ParseResult, CliOutput> outputFor)
    {
        var entriesFile = new Argument<string>("entries") { Description = "A JSON object of entry names to POD values (a JSONPOD's entries)." };
        var keyFile = new Option<string>("--key") { Description = "The issuer's private key file.", Required = true };
        var outFile = new Option<string?>("--out") { Description = "Write the POD here instead of printing its JSON." };
        var format = FormatOption("The POD's form in --out: json (default) or msgpack.");
        var command = new Command("sign", "Sign entries into a POD.") { entriesFile, keyFile, outFile, format };
        command.SetAction(result =>
        {
            PodEntries entries = CliFiles.ReadEntries(result.GetValue(entriesFile)!);
            using EdDsaPrivateKey key = CliFiles.ReadPrivateKey(result.GetValue(keyFile)!);
            SignedPod pod = SignedPod.Sign(entries, key);
            string? path = result.GetValue(outFile);
            string form = result.GetValue(format) ?? Json;
            CliOutput output = outputFor(result);
            if (path is null)
            {
                if (form == MessagePack)
                {
                    throw new CliInputException("--format msgpack needs --out: MessagePack is binary.");
                }

                output.Writer.WriteLine(PodJson.Serialize(pod));
                return ExitCodes.Success;
            }

            Write(path, pod, form);
            output.Result(
                new JsonObject { ["file"] = path, ["format"] = form, ["contentId"] = pod.ContentId.ToString(), ["signerPublicKey"] = pod.SignerPublicKey.ToString() },
                $"Wrote {path} ({form}). Content ID: {pod.ContentId}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Verify(Func<ParseResult, CliOutput> outputFor)
    {
        var podFile = new Argument<string>("pod") { Description = "A POD in JSON or MessagePack." };
        var command = new Command("verify", "Verify a POD's signature: exit 0 when valid, 1 when not.") { podFile };
        command.SetAction(result =>
        {
            string path = result.GetValue(podFile)!;
            SignedPod pod = CliFiles.ReadPod(path, out _);
            bool valid = pod.Verify();
            outputFor(result).Result(
                new JsonObject { ["valid"] = valid, ["contentId"] = pod.ContentId.ToString(), ["signerPublicKey"] = pod.SignerPublicKey.ToString() },
                valid
                    ? $"{path}: valid, signed by {pod.SignerPublicKey}. Content ID: {pod.ContentId}"
                    : $"{path}: INVALID: the signature does not match the entries and the signer's key.");
            return valid ? ExitCodes.Success : ExitCodes.VerificationFailed;
        });
        return command;
    }

    public static Command Inspect(Func<ParseResult, CliOutput> outputFor)
    {
        var podFile = new Argument<string>("pod") { Description = "A POD in JSON or MessagePack." };
        var command = new Command("inspect", "Show a POD's entries, content ID, signer, Merkle depth and the GPC circuits it fits.") { podFile };
        command.SetAction(result =>
        {
            string path = result.GetValue(podFile)!;
            SignedPod pod = CliFiles.ReadPod(path, out bool isJson);
            int depth = pod.Content.MerkleTreeDepth;
            GpcCircuitDescription[] fits = [.. GpcCircuitFamily.All.Where(c => c.MerkleMaxDepth >= depth)];
            bool valid = pod.Verify();
            CliOutput output = outputFor(result);
            if (output.Json)
            {
                output.Result(new JsonObject
                {
                    ["format"] = isJson ? Json : MessagePack,
                    ["entries"] = JsonNode.Parse(PodJson.SerializeEntries(pod.Entries)),
                    ["contentId"] = pod.ContentId.ToString(),
                    ["signerPublicKey"] = pod.SignerPublicKey.ToString(),
                    ["signature"] = pod.Signature.ToString(),
                    ["valid"] = valid,
                    ["merkleTreeDepth"] = depth,
                    ["fitsCircuits"] = new JsonArray([.. fits.Select(c => (JsonNode)JsonValue.Create(c.Identifier))]),
                });
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Name", "Type", "Value");
            foreach ((string name, PodValue value) in pod.Entries)
            {
                table.AddRow(Markup.Escape(name), value.Type.ToString(), Markup.Escape(PodJson.SerializeValue(value)));
            }

            output.Console.Write(table);
            output.Writer.WriteLine($"Content ID:  {pod.ContentId}");
            output.Writer.WriteLine($"Signer:      {pod.SignerPublicKey}");
            output.Writer.WriteLine($"Signature:   {(valid ? "valid" : "INVALID")}");
            output.Writer.WriteLine($"Merkle depth: {depth} ({pod.Entries.Count} entries)");
            output.Writer.WriteLine($"Fits (by Merkle depth): {(fits.Length == 0 ? "no proto-pod-gpc circuit" : string.Join(", ", fits.Select(c => c.Identifier)))}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Convert(Func<ParseResult, CliOutput> outputFor)
    {
        var input = new Argument<string>("input") { Description = "A POD in JSON or MessagePack." };
        var outFile = new Argument<string>("output") { Description = "The file to write." };
        var format = FormatOption("The output form: json or msgpack (default: the other form than the input's).");
        var command = new Command("convert", "Convert a POD between JSON and MessagePack.") { input, outFile, format };
        command.SetAction(result =>
        {
            SignedPod pod = CliFiles.ReadPod(result.GetValue(input)!, out bool isJson);
            string form = result.GetValue(format) ?? (isJson ? MessagePack : Json);
            string path = result.GetValue(outFile)!;
            Write(path, pod, form);
            outputFor(result).Result(new JsonObject { ["file"] = path, ["format"] = form, ["contentId"] = pod.ContentId.ToString() }, $"Wrote {path} ({form}).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string?> FormatOption(string description)
    {
        var option = new Option<string?>("--format") { Description = description };
        option.AcceptOnlyFromAmong(Json, MessagePack);
        return option;
    }

    private static void Write(string path, SignedPod pod, string form)
    {
        if (form == MessagePack)
        {
            CliFiles.WriteBytes(path, PodMessagePack.Serialize(pod));
        }
        else
        {
            CliFiles.WriteText(path, PodJson.Serialize(pod) + "\n");
        }
    }
}
