using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Pod.Cli;
using Pod.Cryptography.Signatures;
using Pod.Samples.TlsIssuer;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Cli;

/// <summary>
/// <c>pod issuer serve</c> and <c>pod verifier serve</c> end to end: the tool started as a process on a free port (port 0,
/// the address read from its first line), a request to <c>/health</c> and to one endpoint, then SIGTERM and a clean exit;
/// and settings it refuses with exit code 2 and one line naming the setting.
/// </summary>
public sealed partial class PodServeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pod-serve-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task VerifierServe_AnswersHealthAndRequest_StopsOnSigterm()
    {
        string artifacts = ArtifactFiles.AllVerificationKeys();
        try
        {
            using EdDsaPrivateKey issuer = EdDsaPrivateKey.Generate();
            File.WriteAllText(PathOf("proof-config.json"), """{"pods":{"pod":{"entries":{"owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}""");
            WriteSettings(new JsonObject
            {
                ["Verifier"] = new JsonObject
                {
                    ["ArtifactsDirectory"] = artifacts,
                    ["ProofConfigFile"] = "proof-config.json",
                    ["TrustedSigners"] = new JsonArray(issuer.PublicKey.ToString()),
                    ["ExternalNullifier"] = "serve-test-election",
                    ["Registry"] = new JsonObject { ["Path"] = "nullifiers.db" },
                },
            });

            await using Server server = await Server.StartAsync(_dir, "verifier", "serve");
            using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
            JsonNode health = (await http.GetFromJsonAsync<JsonNode>("/health"))!;
            Assert.Equal("ok", health["status"]!.GetValue<string>());
            Assert.Equal(issuer.PublicKey.ToString(), health["trustedSigners"]![0]!.GetValue<string>());

            HttpResponseMessage request = await http.GetAsync("/request");
            Assert.Equal(HttpStatusCode.OK, request.StatusCode);
            JsonNode body = (await request.Content.ReadFromJsonAsync<JsonNode>())!;
            Assert.Equal("serve-test-election", body["externalNullifier"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(body["watermark"]!.GetValue<string>()));

            HttpResponseMessage malformed = await http.PostAsync("/verify", new StringContent("{\"proof\": ", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.Equal("malformed_json", (await malformed.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());

            Assert.Equal(0, await server.StopAsync());
            Assert.True(File.Exists(PathOf("nullifiers.db")));
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    [Fact]
    public async Task IssuerServe_AnswersHealthNonceAndSession_StopsOnSigterm()
    {
        using EdDsaPrivateKey key = EdDsaPrivateKey.Generate();
        File.WriteAllText(PathOf("issuer.key"), key.ExportBase64());
        File.WriteAllText(PathOf("uid.key"), Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()));
        File.WriteAllText(PathOf("kyc.json"), TlsIssuerService.DemoSpec);
        WriteSettings(new JsonObject
        {
            ["Issuer"] = new JsonObject
            {
                ["IssuerKeyFile"] = "issuer.key",
                ["UidKeyFile"] = "uid.key",
                ["ProviderFiles"] = new JsonArray("kyc.json"),
                ["Store"] = new JsonObject { ["Path"] = "issuer.db" },
            },
        });

        await using Server server = await Server.StartAsync(_dir, "issuer", "serve");
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        JsonNode health = (await http.GetFromJsonAsync<JsonNode>("/health"))!;
        Assert.Equal("real", health["evidence"]!.GetValue<string>());
        Assert.Equal(key.PublicKey.ToString(), health["issuerPublicKey"]!.GetValue<string>());

        JsonNode nonce = (await (await http.PostAsync("/nonce", null)).Content.ReadFromJsonAsync<JsonNode>())!;
        JsonNode session = (await http.GetFromJsonAsync<JsonNode>($"/sessions/{nonce["sessionId"]}"))!;
        Assert.Equal("created", session["state"]!.GetValue<string>());

        Assert.Equal(0, await server.StopAsync());
        Assert.True(File.Exists(PathOf("issuer.db")));
    }

    /// <summary>Each refused setting: exit code 2 and one line on standard error naming it, before anything listens.</summary>
    [Theory]
    [InlineData("verifier", """{"Verifier":{"ProofConfigFile":"proof-config.json","TrustedSigners":["x"]}}""", "Verifier:ArtifactsDirectory")]
    [InlineData("verifier", """{"Verifier":{"ArtifactsDirectory":"a","ProofConfigFile":"missing.json"}}""", "Verifier:ProofConfigFile")]
    [InlineData("verifier", """{"Verifier":{"ArtifactsDirectory":"a","ProofConfigFile":"proof-config.json","TrustedSigners":["not a key"]}}""", "Verifier:TrustedSigners:0")]
    [InlineData("verifier", """{"Verifier":{"Registry":{"Kind":"Oracle"}}}""", "Verifier:Registry:Kind")]
    [InlineData("verifier", """{"Verifier":{"MaxRequestBodyBytes":0}}""", "Verifier:MaxRequestBodyBytes")]
    [InlineData("verifier", """{"Verifier":{"RateLimit":{"PermitLimit":"many"}}}""", "Verifier:RateLimit:PermitLimit")]
    [InlineData("issuer", """{"Issuer":{"UidKeyFile":"uid.key","ProviderFiles":["kyc.json"]}}""", "Issuer:IssuerKeyFile")]
    [InlineData("issuer", """{"Issuer":{"IssuerKeyFile":"issuer.key","UidKey":"c2hvcnQ=","ProviderFiles":["kyc.json"]}}""", "Issuer:UidKey")]
    [InlineData("issuer", """{"Issuer":{"IssuerKeyFile":"issuer.key","UidKeyFile":"uid.key","ProviderFiles":["proof-config.json"]}}""", "Issuer:ProviderFiles:0")]
    [InlineData("issuer", """{"Issuer":{"IssuerKeyFile":"issuer.key","UidKeyFile":"uid.key","ProviderFiles":["kyc.json"],"Simulation":{"Enabled":true}}}""", "Issuer:Simulation:Enabled")]
    [InlineData("issuer", """{"Issuer":{"IssuerKeyFile":"issuer.key","UidKeyFile":"uid.key","ProviderFiles":["kyc.json"],"Store":{"Kind":"PostgreSql"}}}""", "Issuer:Store:ConnectionString")]
    [InlineData("issuer", """{"Issuer":""", "settings.json")]
    public void Serve_BadSettings_ExitTwoWithOneLineNamingTheSetting(string service, string settings, string named)
    {
        using EdDsaPrivateKey key = EdDsaPrivateKey.Generate();
        File.WriteAllText(PathOf("issuer.key"), key.ExportBase64());
        File.WriteAllText(PathOf("uid.key"), Convert.ToBase64String(new byte[32]));
        File.WriteAllText(PathOf("kyc.json"), TlsIssuerService.DemoSpec);
        File.WriteAllText(PathOf("proof-config.json"), """{"pods":{"pod":{"entries":{"owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}""");
        foreach (string file in new[] { "issuer.key", "uid.key", "kyc.json", "proof-config.json", "missing.json" })
        {
            // Absolute paths: relative ones resolve against the working directory, which tests running in parallel share.
            settings = settings.Replace($"\"{file}\"", JsonValue.Create(PathOf(file)).ToJsonString(), StringComparison.Ordinal);
        }

        File.WriteAllText(PathOf("settings.json"), settings);

        // In-process: the settings are refused before Kestrel binds, so nothing listens and nothing needs stopping. The
        // environment is Production unless ASPNETCORE_ENVIRONMENT says otherwise, and the test host never sets it.
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = PodCommand.Run([service, "serve", "--config", PathOf("settings.json"), "--urls", "http://127.0.0.1:0"], output, error);

        Assert.Equal(2, code);
        string line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pod: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Empty(output.ToString());
        Assert.DoesNotContain(key.ExportBase64(), line, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_MissingSettingsFile_ExitTwoNamingIt()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string missing = PathOf("nowhere.json");
        Assert.Equal(2, PodCommand.Run(["verifier", "serve", "--config", missing], output, error));
        Assert.Contains(missing, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A store or artifacts the settings name but that cannot serve (a PostgreSQL port where nothing listens, an SQLite
    /// file in a folder that does not exist, an artifacts folder that does not exist), the tool run as a process: exit
    /// code 2 and one line on standard error naming the setting, no stack trace, never the password, nothing listening.
    /// </summary>
    [Theory]
    [InlineData("verifier", "Registry", """{"Kind":"PostgreSql","ConnectionString":"Host=127.0.0.1;Port=1;Username=pod;Password=serve-test-secret-4c1d"}""", "Verifier:Registry:ConnectionString")]
    [InlineData("issuer", "Store", """{"Kind":"PostgreSql","ConnectionString":"Host=127.0.0.1;Port=1;Username=pod;Password=serve-test-secret-4c1d"}""", "Issuer:Store:ConnectionString")]
    [InlineData("verifier", "Registry", """{"Path":"no-such-folder/nullifiers.db"}""", "Verifier:Registry:Path")]
    [InlineData("issuer", "Store", """{"Path":"no-such-folder/issuer.db"}""", "Issuer:Store:Path")]
    [InlineData("verifier", "ArtifactsDirectory", "\"no-such-artifacts\"", "Verifier:ArtifactsDirectory")]
    public async Task Serve_StoreOrArtifactsUnusable_ExitTwoWithOneLineNamingTheSetting(string service, string key, string value, string named)
    {
        string artifacts = ArtifactFiles.AllVerificationKeys();
        try
        {
            using EdDsaPrivateKey issuer = EdDsaPrivateKey.Generate();
            File.WriteAllText(PathOf("issuer.key"), issuer.ExportBase64());
            File.WriteAllText(PathOf("uid.key"), Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()));
            File.WriteAllText(PathOf("kyc.json"), TlsIssuerService.DemoSpec);
            File.WriteAllText(PathOf("proof-config.json"), """{"pods":{"pod":{"entries":{"owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}""");
            JsonObject section = service == "verifier"
                ? new JsonObject
                {
                    ["ArtifactsDirectory"] = artifacts,
                    ["ProofConfigFile"] = "proof-config.json",
                    ["TrustedSigners"] = new JsonArray(issuer.PublicKey.ToString()),
                    ["Registry"] = new JsonObject { ["Kind"] = "Memory" },
                }
                : new JsonObject { ["IssuerKeyFile"] = "issuer.key", ["UidKeyFile"] = "uid.key", ["ProviderFiles"] = new JsonArray("kyc.json") };
            section[key] = JsonNode.Parse(value);
            WriteSettings(new JsonObject { [service == "verifier" ? "Verifier" : "Issuer"] = section });

            (int code, string output, string error) = await Tool.RunAsync(_dir, service, "serve", "--urls", "http://127.0.0.1:0");

            Assert.Equal(2, code);
            string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"pod: {named}: ", line, StringComparison.Ordinal);
            Assert.DoesNotContain("serve-test-secret", error, StringComparison.Ordinal);
            Assert.DoesNotContain(issuer.ExportBase64(), error, StringComparison.Ordinal);
            Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    private void WriteSettings(JsonObject settings) => File.WriteAllText(PathOf("appsettings.json"), settings.ToJsonString());

    private string PathOf(string name) => Path.Combine(_dir, name);

    [GeneratedRegex(@"listening on (http://\S+?)[,\s]")]
    private static partial Regex ListeningLine();

    /// <summary>The tool as a process in a working directory, run to its end: its exit code, standard output and standard error.</summary>
    private static class Tool
    {
        public static async Task<(int Code, string Output, string Error)> RunAsync(string directory, params string[] args)
        {
            using Process process = Process.Start(StartInfo(directory, args))!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
    }

    private static ProcessStartInfo StartInfo(string directory, string[] args)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } set ? set : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["exec", Path.Combine(AppContext.BaseDirectory, "Pod.Cli.dll"), .. args])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return start;
    }

    /// <summary>The tool as a process in a working directory, listening on a free port of 127.0.0.1.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _error = new();

        private Server(Process process) => _process = process;

        public string Address { get; private set; } = "";

        public static async Task<Server> StartAsync(string directory, params string[] args)
        {
            Process process = Process.Start(StartInfo(directory, [.. args, "--urls", "http://127.0.0.1:0"]))!;
            var server = new Server(process);
            process.ErrorDataReceived += (_, e) =>
            {
                lock (server._error)
                {
                    server._error.AppendLine(e.Data);
                }
            };
            process.BeginErrorReadLine();

            // The first line on standard output names the address; a process that ends first failed to start.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is string line)
            {
                if (ListeningLine().Match(line + " ") is { Success: true } match)
                {
                    server.Address = match.Groups[1].Value;
                    return server;
                }
            }

            await process.WaitForExitAsync(timeout.Token);
            throw new InvalidOperationException($"pod {string.Join(' ', args)} exited with {process.ExitCode} before listening: {server.StandardError}");
        }

        private string StandardError
        {
            get
            {
                lock (_error)
                {
                    return _error.ToString();
                }
            }
        }

        /// <summary>SIGTERM, as a service manager stops it; the exit code once it has shut down.</summary>
        public async Task<int> StopAsync()
        {
            using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
