using Pod.Gpc.Proving;
using Pod.Samples.Election;

namespace Pod.Samples.Holder;

/// <summary>Runs a proving sample when the GPC circuits are installed (<see cref="SampleArtifacts"/>).</summary>
internal static class Workflow
{
    /// <param name="output">Where the sample writes.</param>
    /// <param name="name">vote, identity or claims.</param>
    /// <param name="required">Whether missing circuits fail the run (asked for by name) or only skip the sample (the default run).</param>
    public static async Task<int> RunAsync(TextWriter output, string name, bool required)
    {
        if (SampleArtifacts.Locate() is not string artifacts)
        {
            SampleArtifacts.Explain(output, name);
            return required ? 1 : 0;
        }

        // Compiled circuits are kept in this user's own folder, so a second run skips the seconds of compilation.
        var prover = new GpcProver(new Pod.Gpc.GpcArtifacts(artifacts), new CircomWitnessCalculatorOptions
        {
            CacheDirectory = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "pod", "circuits"),
        });
        return name switch
        {
            "vote" => await ElectionSample.RunAsync(output, prover, artifacts),
            "identity" => await Airdrop.IdentitySample.RunAsync(output, prover, artifacts),
            "claims" => await Claims.ClaimsSample.RunAsync(output, prover, artifacts),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Samples: vote, identity, claims."),
        };
    }
}
