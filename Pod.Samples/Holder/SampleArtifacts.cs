using Pod.Gpc;

namespace Pod.Samples.Holder;

/// <summary>
/// Where the proving samples find the GPC circuits: <c>$POD_GPC_ARTIFACTS</c>, else the
/// <c>@pcd/proto-pod-gpc-artifacts</c> package that <c>test.sh</c> installs under <c>tools/gpc-artifacts</c> (looked for
/// from the working directory upwards), else <c>node_modules/@pcd/proto-pod-gpc-artifacts</c>. The package is
/// GPL-licensed and not shipped with Pod, so a fresh clone has none until it is installed.
/// </summary>
internal static class SampleArtifacts
{
    private const string Package = "node_modules/@pcd/proto-pod-gpc-artifacts";

    /// <summary>The artifacts directory, or null when none is installed.</summary>
    public static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("POD_GPC_ARTIFACTS") is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (DirectoryInfo? d = new(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tools", "gpc-artifacts", Package);
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        return File.Exists(Path.Combine(Package, "package.json")) ? Path.GetFullPath(Package) : null;
    }

    /// <summary>Says why a proving sample cannot run, and how to install the circuits.</summary>
    public static void Explain(TextWriter output, string sample)
    {
        output.WriteLine($"The {sample} sample proves with the GPC circuits, which are not installed (GPL-licensed, not shipped with Pod).");
        output.WriteLine("Run `npm ci --prefix tools/gpc-artifacts` (or `bash test.sh`), or set POD_GPC_ARTIFACTS to an installed");
        output.WriteLine($"@pcd/proto-pod-gpc-artifacts@{GpcCircuitFamily.ArtifactsVersion} folder.");
    }
}
