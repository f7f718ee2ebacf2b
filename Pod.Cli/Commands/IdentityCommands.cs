using System.CommandLine;
using System.Text.Json.Nodes;
using Pod.Identity;

namespace Pod.Cli.Commands;

/// <summary><c>pod identity new|export|commitment</c>: Semaphore V4 identities, as @semaphore-protocol/identity makes them.</summary>
internal static class IdentityCommands
{
    public static Command Create(Func<ParseResult, CliOutput> outputFor)
    {
        var outFile = new Option<string>("--out") { Description = "The identity file to create (owner-only permissions).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing file." };
        var generate = new Command("new", "Generate a Semaphore V4 identity into a file; prints its commitment and public key.") { outFile, force };
        generate.SetAction(result =>
        {
            string path = result.GetValue(outFile)!;
            using SemaphoreIdentity identity = SemaphoreIdentity.Generate();
            CliFiles.WriteSecret(path, identity.Export(), result.GetValue(force));
            outputFor(result).Result(
                new JsonObject { ["file"] = path, ["commitment"] = identity.Commitment.ToString(), ["publicKey"] = identity.PublicKey.ToString() },
                $"Wrote {path} (owner-only).",
                $"Commitment: {identity.Commitment}",
                $"Public key: {identity.PublicKey}");
            return ExitCodes.Success;
        });

        var identityFile = new Option<string>("--identity") { Description = "The identity file.", Required = true };
        var export = new Command("export", "Print the identity's export (Base64 of its private key), as Identity.export() does.") { identityFile };
        export.SetAction(result =>
        {
            using SemaphoreIdentity identity = CliFiles.ReadIdentity(result.GetValue(identityFile)!);
            string exported = identity.Export();
            outputFor(result).Result(new JsonObject { ["privateKey"] = exported }, exported);
            return ExitCodes.Success;
        });

        var commitment = new Command("commitment", "Print the identity's commitment and public key.") { identityFile };
        commitment.SetAction(result =>
        {
            using SemaphoreIdentity identity = CliFiles.ReadIdentity(result.GetValue(identityFile)!);
            outputFor(result).Result(
                new JsonObject { ["commitment"] = identity.Commitment.ToString(), ["publicKey"] = identity.PublicKey.ToString() },
                $"Commitment: {identity.Commitment}",
                $"Public key: {identity.PublicKey}");
            return ExitCodes.Success;
        });

        return new Command("identity", "Semaphore V4 identities: new, export, commitment.") { generate, export, commitment };
    }
}
