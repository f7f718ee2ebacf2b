using System.CommandLine;
using System.Text.Json.Nodes;
using Pod.Cryptography.Signatures;

namespace Pod.Cli.Commands;

/// <summary><c>pod key new|public</c>: POD issuer keys (EdDSA-Poseidon private keys, as @pcd/pod writes them).</summary>
internal static class KeyCommands
{
    public static Command Create(Func<ParseResult, CliOutput> outputFor)
    {
        var outFile = new Option<string>("--out") { Description = "The key file to create (owner-only permissions).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing file." };
        var showPrivate = new Option<bool>("--show-private") { Description = "Also print the private key (it is never printed otherwise)." };
        var generate = new Command("new", "Generate an issuer key into a file; prints the public key.") { outFile, force, showPrivate };
        generate.SetAction(result =>
        {
            string path = result.GetValue(outFile)!;
            using EdDsaPrivateKey key = EdDsaPrivateKey.Generate();
            string secret = key.ExportBase64();
            CliFiles.WriteSecret(path, secret, result.GetValue(force));
            var json = new JsonObject { ["file"] = path, ["publicKey"] = key.PublicKey.ToString() };
            var lines = new List<string> { $"Wrote {path} (owner-only). Public key: {key.PublicKey}" };
            if (result.GetValue(showPrivate))
            {
                json["privateKey"] = secret;
                lines.Add($"Private key: {secret}");
            }

            outputFor(result).Result(json, [.. lines]);
            return ExitCodes.Success;
        });

        var keyFile = new Option<string>("--key") { Description = "The private key file.", Required = true };
        var show = new Command("public", "Print the public key of a key file.") { keyFile };
        show.SetAction(result =>
        {
            using EdDsaPrivateKey key = CliFiles.ReadPrivateKey(result.GetValue(keyFile)!);
            outputFor(result).Result(new JsonObject { ["publicKey"] = key.PublicKey.ToString() }, key.PublicKey.ToString());
            return ExitCodes.Success;
        });

        return new Command("key", "Issuer keys: new, public.") { generate, show };
    }
}
