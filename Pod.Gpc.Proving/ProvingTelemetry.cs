using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pod.Gpc.Proving;

/// <summary>
/// The proving room's activity source and meter, both named <c>Pod.Gpc.Proving</c> (docs/telemetry.md lists every name):
/// OpenTelemetry sees them with <c>AddSource("Pod.Gpc.Proving")</c> and <c>AddMeter("Pod.Gpc.Proving")</c>.
/// </summary>
internal static class ProvingTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Pod.Gpc.Proving";

    /// <summary>The activity of one <see cref="GpcProver.Prove(GpcProofConfig, GpcProofInputs, IProgress{GpcProvingPhase}?, CancellationToken)"/>.</summary>
    public const string ProveActivity = "pod.gpc.prove";

    /// <summary>The tag naming the circuit (its identifier; <c>none</c> when the config was refused before one was chosen).</summary>
    public const string CircuitTag = "pod.gpc.circuit";

    /// <summary>The tag naming the outcome: <c>proved</c>, <c>refused</c> (a config or input error), <c>cancelled</c>, <c>failed</c>.</summary>
    public const string OutcomeTag = "pod.outcome";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Proofs = Meter.CreateCounter<long>("pod.gpc.proofs", "{proof}", "GPC proofs attempted, by circuit and outcome.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("pod.gpc.prove.duration", "s", "Time to prove, by circuit and outcome.");

    public static void Record(string circuit, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { CircuitTag, circuit }, { OutcomeTag, outcome } };
        Proofs.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }
}
