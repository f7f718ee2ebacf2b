using System.Text;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Gpc.Requests;
using Pod.Identity;
using Pod.Samples.Election;
using Pod.Samples.Verifier;
using ElectionRecord = Pod.Samples.Election.Election;

namespace Pod.Samples.Demo;

/// <summary><c>demo</c>: starts <see cref="DemoHost"/> and prints the pages' addresses until Ctrl+C (docs/demo.md).</summary>
internal static class DemoCommand
{
    public static async Task<int> RunAsync(TextWriter output)
    {
        string artifacts = Environment.GetEnvironmentVariable("POD_GPC_ARTIFACTS") is { Length: > 0 } set ? set
            : FindUpwards(Path.Combine("tools", "gpc-artifacts", GpcVerifierDemo.DefaultArtifacts)) ?? GpcVerifierDemo.DefaultArtifacts;
        if (!Directory.Exists(artifacts))
        {
            output.WriteLine($"The demo proves with the GPC circuit artifacts, and \"{Path.GetFullPath(artifacts)}\" does not exist: run");
            output.WriteLine($"`npm ci --prefix tools/gpc-artifacts` (@pcd/proto-pod-gpc-artifacts@{GpcCircuitFamily.ArtifactsVersion}) or set POD_GPC_ARTIFACTS.");
            return 1;
        }

        if (DemoPages.FindWebRoot() is null)
        {
            output.WriteLine("The demo pages are not built: run `npm ci --prefix tools/demo-web && npm run build --prefix tools/demo-web` (or set POD_DEMO_WEB).");
            return 1;
        }

        await using DemoHost demo = await DemoHost.StartAsync(artifacts);
        output.WriteLine("Pod demo (simulated provider and enclave; nothing leaves this machine):");
        output.WriteLine($"  1. Issuer:   {demo.IssuerPage}");
        output.WriteLine($"  2. Verifier: {demo.VerifierPage}  (prove there, in the browser, then send the proof)");
        output.WriteLine($"  3. Tally:    {demo.TallyPage}  (three sample voters cast ballots over the next minute)");
        output.WriteLine("Press Ctrl+C to stop.");
        using var stop = new CancellationTokenSource();
        Task voters = CastSampleBallotsAsync(demo, artifacts, output, stop.Token);
        await demo.Verifier.WaitForShutdownAsync();
        await stop.CancelAsync();
        await voters.ContinueWith(_ => { }, TaskScheduler.Default);
        return 0;
    }

    /// <summary>The election sample's voters, proving in .NET, one ballot every few seconds so the tally page moves.</summary>
    private static async Task CastSampleBallotsAsync(DemoHost demo, string artifacts, TextWriter output, CancellationToken ct)
    {
        var prover = new GpcProver(new GpcArtifacts(artifacts));
        using var http = new HttpClient { BaseAddress = new Uri(demo.BallotBoxAddress) };
        GpcProofRequest request = await ElectionSample.RequestAsync(http);
        using SemaphoreIdentity voter1 = SemaphoreIdentity.Generate(), voter2 = SemaphoreIdentity.Generate(), voter3 = SemaphoreIdentity.Generate();
        foreach ((SemaphoreIdentity voter, string choice) in new[] { (voter1, "alice"), (voter2, "bob"), (voter3, "bob"), (voter3, "alice") })
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            SignedPod pod = ElectionRecord.IssueVoterPod(demo.DemoElection.Id, voter.PublicKey, demo.ElectionAuthority);
            string ballot = ElectionSample.Ballot(prover, voter, pod, request, choice).ToJson();
            HttpResponseMessage answer = await http.PostAsync("/ballots", new StringContent(ballot, Encoding.UTF8, "application/json"), ct);
            output.WriteLine($"  A sample voter voted {choice}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(ct)}");
        }
    }

    private static string? FindUpwards(string relative)
    {
        for (DirectoryInfo? d = new(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            if (Directory.Exists(Path.Combine(d.FullName, relative)))
            {
                return Path.Combine(d.FullName, relative);
            }
        }

        return null;
    }
}
