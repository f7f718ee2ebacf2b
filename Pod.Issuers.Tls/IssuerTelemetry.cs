using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pod.Issuers.Tls;

/// <summary>
/// The TLS issuer's activity source and meter, both named <c>Pod.Issuers.Tls</c> (docs/telemetry.md lists every name):
/// OpenTelemetry sees them with <c>AddSource("Pod.Issuers.Tls")</c> and <c>AddMeter("Pod.Issuers.Tls")</c>.
/// </summary>
internal static class IssuerTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Pod.Issuers.Tls";

    /// <summary>The activity of one <see cref="TlsPodIssuer.IssueAsync"/>.</summary>
    public const string IssueActivity = "pod.tls.issue";

    /// <summary>The tag naming the provider spec (a configured id, or <c>unknown</c>).</summary>
    public const string ProviderTag = "pod.tls.provider";

    /// <summary>The tag naming the outcome: <c>issued</c>, or the <see cref="TlsIssuanceError"/> name.</summary>
    public const string OutcomeTag = "pod.outcome";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Issuances = Meter.CreateCounter<long>("pod.tls.issuances", "{request}", "Issuance requests, by provider and outcome.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("pod.tls.issue.duration", "s", "Time to answer an issuance request, by provider and outcome.");

    public static void Record(Activity? activity, string provider, string outcome, TimeSpan elapsed)
    {
        activity?.SetTag(OutcomeTag, outcome);
        if (outcome != "issued")
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
        }

        var tags = new TagList { { ProviderTag, provider }, { OutcomeTag, outcome } };
        Issuances.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }
}
