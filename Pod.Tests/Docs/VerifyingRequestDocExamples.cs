using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Requests;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Storage.Sqlite;
using Pod.Tests.Proving;
using Xunit;

namespace Pod.Tests.Docs;

/// <summary>
/// The request/response example of docs/verifying.md, a complete web program, run as shown: its settings on the command
/// line, a holder asking <c>/request</c>, proving it with Pod's GpcProver and posting the answer to <c>/verify</c>. The
/// page's second C# block must be its usings (DocExamplesCompileTests compiles the block with them) and then the code
/// between the markers below.
/// </summary>
public sealed partial class VerifyingRequestDocExamples : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pod-request-doc-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task RequestExample_HolderVerifiedOnce_NullifierRegistered()
    {
        using var world = new RequestScenario();
        string registryPath = Path.Combine(_directory, "nullifiers.db");
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--ArtifactsDirectory={ProvingReference.Artifacts().Directory}",
            $"--RegistryPath={registryPath}",
            $"--TrustedIssuers:0={world.Trusted.PublicKey}",
        ];

        using var started = new StartedHost();
        Task program = Program(args);
        await Task.WhenAny(started.Host, program).WaitAsync(TimeSpan.FromMinutes(2));
        if (program.IsCompleted)
        {
            await program;   // its exception, if it failed before listening
            Assert.Fail("The program ended before it listened.");
        }

        IHost host = await started.Host;
        IHostApplicationLifetime lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            string address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            // The holder: reads the request, proves it with a POD of a trusted issuer, posts what an app posts.
            string requestJson = await http.GetStringAsync("/request");
            string responseJson = RequestScenario.Answer(GpcJson.ParseProofRequest(requestJson), world.IdentityPod(world.Trusted), world.Holder).ToJson();

            HttpResponseMessage verified = await http.PostAsync("/verify", new StringContent(responseJson, Encoding.UTF8, "application/json"));
            JsonNode answer = (await verified.Content.ReadFromJsonAsync<JsonNode>())!;
            Assert.True(verified.StatusCode == HttpStatusCode.OK, answer.ToJsonString());
            Assert.Equal("verified", answer["status"]!.GetValue<string>());

            HttpResponseMessage again = await http.PostAsync("/verify", new StringContent(responseJson, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Equal(GpcResponseFailure.NullifierUsed.Code(), (await again.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());

            // The nullifier the answer named is in the program's registry file, under the template's scope.
            lifetime.StopApplication();
            await program.WaitAsync(TimeSpan.FromMinutes(1));
            using var store = new SqliteNullifierStore(registryPath);
            Fr nullifier = Fr.Parse(answer["nullifierHash"]!.GetValue<string>());
            Assert.True(await new NullifierRegistry(store).IsRegisteredAsync(GpcNullifiers.ExternalNullifierSignal(RequestScenario.Airdrop), nullifier));
        }
        finally
        {
            if (!program.IsCompleted)
            {
                lifetime.StopApplication();
                await program.WaitAsync(TimeSpan.FromMinutes(1));
            }
        }

        // The page's block after its usings: top-level statements are the body of Main(string[] args).
        static async Task Program(string[] args)
        {
            // begin docs/verifying.md#requests
            // The inputs, from the settings (appsettings.json, the environment, or --ArtifactsDirectory=... on the command line): the
            // installed @pcd/proto-pod-gpc-artifacts, the registry's SQLite file, and the issuers whose PODs are accepted.
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
            var keys = new GpcVerificationKeys(new GpcArtifacts(builder.Configuration["ArtifactsDirectory"] ?? "node_modules/@pcd/proto-pod-gpc-artifacts"));
            using var store = new SqliteNullifierStore(builder.Configuration["RegistryPath"] ?? "nullifiers.db");
            var registry = new NullifierRegistry(store);
            IReadOnlySet<EdDsaPublicKey> trustedIssuers = builder.Configuration.GetSection("TrustedIssuers").GetChildren()
                .Select(issuer => EdDsaPublicKey.Parse(issuer.Value!)).ToHashSet();
            TimeProvider time = TimeProvider.System;

            // Once per process: what this verifier asks for, and the verifier over it.
            var template = new GpcProofRequestTemplate
            {
                ProofConfig = GpcJson.ParseProofConfig("""
                    {"pods":{"id":{"entries":{
                        "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"},
                        "birthDate":{"isRevealed":false,"inRange":{"min":-2208988800000,"max":0}}},
                        "signerPublicKey":{"isRevealed":false,"isMemberOf":"trustedSigners"}}}}
                    """),
                TrustedSigners = trustedIssuers,                          // the signer is proven one of these, not revealed
                MovingBounds = [GpcMovingBound.AgeAtLeast("id.birthDate", 18, tolerance: TimeSpan.FromDays(1))],
                ExternalNullifier = PodValue.String("airdrop-2026"),      // one claim per person
            };
            var verifier = new GpcRequestVerifier(template, keys, new InMemoryGpcChallengeStore(time), registry, time);
            WebApplication app = builder.Build();

            // GET /request: a fresh request (a new challenge each time), as JSON for the app to hand to Zupass's z.gpc.prove.
            app.MapGet("/request", async () => Results.Text(GpcJson.SerializeProofRequest(await verifier.IssueRequestAsync()), "application/json"));

            // POST /verify: what the app posts back, {proof, boundConfig, revealedClaims} or a serialized GPCPCD.
            app.MapPost("/verify", async (HttpRequest http) =>
            {
                using var body = new StreamReader(http.Body);
                GpcResponseCheck check = await verifier.CheckAsync(await body.ReadToEndAsync());
                return check.IsValid
                    ? Results.Ok(new { status = "verified", nullifierHash = check.NullifierHash!.Value.ToHexString() })
                    : Results.BadRequest(new { code = check.Failure.Code(), description = check.Description });
            });

            await app.RunAsync();
            // end docs/verifying.md#requests
        }
    }

    [Fact]
    public void Page_ShowsTheRequestExampleAsTested()
    {
        string source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "VerifyingRequestDocExamples.cs.txt"));
        const string Start = "// begin docs/verifying.md#requests\n";
        int from = source.IndexOf(Start, StringComparison.Ordinal) + Start.Length;
        string tested = source[from..source.IndexOf("            // end docs/verifying.md#requests", from, StringComparison.Ordinal)];
        string page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "verifying.md"));
        Match block = CSharpBlocks().Matches(page).FirstOrDefault(m => m.Groups[1].Value.Contains("GpcProofRequestTemplate", StringComparison.Ordinal))!;

        Assert.NotNull(block);
        Assert.Equal(Unindent(tested, 12), VerifyingDocExamples.AfterUsings(block.Groups[1].Value));
    }

    private static string Unindent(string text, int columns) =>
        string.Join("\n", text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n')
            .Select(line => line.Length >= columns && line[..columns].Trim().Length == 0 ? line[columns..] : line.TrimStart()));

    [GeneratedRegex("```csharp\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlocks();

    /// <summary>
    /// The host a program builds on this async flow, once it has started: what WebApplicationFactory does for a program
    /// of top-level statements (the hosting's "HostBuilt" diagnostic event), so the test can find its address and stop it.
    /// Hosts other tests build at the same time are told apart by the async-local flag the program's flow carries.
    /// </summary>
    private sealed class StartedHost : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private static readonly AsyncLocal<StartedHost?> Current = new();
        private readonly TaskCompletionSource<IHost> _host = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly IDisposable _subscription;
        private readonly List<IDisposable> _listeners = [];

        public StartedHost()
        {
            Current.Value = this;
            _subscription = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public Task<IHost> Host => _host.Task;

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.Extensions.Hosting")
            {
                lock (_listeners)
                {
                    _listeners.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "HostBuilt" && value.Value is IHost host && ReferenceEquals(Current.Value, this))
            {
                host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => _host.TrySetResult(host));
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _subscription.Dispose();
            lock (_listeners)
            {
                _listeners.ForEach(l => l.Dispose());
            }

            Current.Value = null;
        }
    }
}
