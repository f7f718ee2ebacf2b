using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Pod.Gpc.Circuits;
using Pod.Samples.Verifier;

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
        output.WriteLine("Press Ctrl+C to stop.");
        await demo.Verifier.WaitForShutdownAsync();
        return 0;
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
