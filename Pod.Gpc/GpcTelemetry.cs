using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pod.Gpc;

/// <summary>
/// GPC verification's activity source and meter, both named <c>Pod.Gpc</c> (docs/telemetry.md lists every name):
/// OpenTelemetry sees them with <c>AddSource("Pod.Gpc")</c> and <c>AddMeter("Pod.Gpc")</c>.
/// </summary>
internal static class GpcTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Pod.Gpc";

    /// <summary>The activity of one <see cref="GpcVerifier.Verify(Groth16Proof, GpcBoundConfig, GpcRevealedClaims, IGpcVerificationKeyProvider)"/>.</summary>
    public const string VerifyActivity = "pod.gpc.verify";

    /// <summary>The tag naming the circuit the bound config names (<c>unknown</c> when it names none of the family).</summary>
    public const string CircuitTag = "pod.gpc.circuit";

    /// <summary>The tag naming the outcome: <c>valid</c> or <c>invalid</c>.</summary>
    public const string OutcomeTag = "pod.outcome";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Verifications = Meter.CreateCounter<long>("pod.gpc.verifications", "{proof}", "GPC proofs verified, by circuit and outcome.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("pod.gpc.verify.duration", "s", "Time to verify a GPC proof, by circuit and outcome.");

    public static void Record(Activity? activity, string circuit, bool valid, TimeSpan elapsed)
    {
        string outcome = valid ? "valid" : "invalid";
        activity?.SetTag(CircuitTag, circuit);
        activity?.SetTag(OutcomeTag, outcome);
        var tags = new TagList { { CircuitTag, circuit }, { OutcomeTag, outcome } };
        Verifications.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }
}
