using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Simulation;
using Pod.Issuers.Tls.Storage;
using Pod.Tests.Issuers;
using Pod.Tests.Proving;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Integration;

/// <summary>
/// The names docs/telemetry.md lists are emitted: an ActivityListener and a MeterListener see issue, verify and prove.
/// Other tests run in parallel and emit too, so each assertion looks for the measurement this test caused by its tags.
/// </summary>
[Trait("Category", Vectors.Trait)]
public sealed class TelemetryTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener;

    public TelemetryTests()
    {
        string[] names = ["Pod.Issuers.Tls", "Pod.Gpc", "Pod.Gpc.Proving"];
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => names.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (names.Contains(instrument.Meter.Name))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.Start();
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    [Fact]
    public void Verify_EmitsActivityCounterAndDuration_TaggedWithCircuitAndOutcome()
    {
        JsonNode item = Vectors.Section("gpc-proofs.json", "proofs").OfType<JsonNode>().First();
        GpcBoundConfig bound = GpcJson.ParseBoundConfig(GpcVectorInputs.Text(item["boundConfig"]!));
        GpcVerificationResult result = GpcVerifier.Verify(
            Groth16Proof.Parse(GpcVectorInputs.Text(item["proof"]!)), bound,
            GpcJson.ParseRevealedClaims(GpcVectorInputs.Text(item["revealedClaims"]!)), new GpcVerificationKeys(ProvingReference.Artifacts()));
        string outcome = result.IsValid ? "valid" : "invalid";

        Assert.Contains(_activities, a => a.OperationName == "pod.gpc.verify" && Tag(a, "pod.gpc.circuit") == bound.CircuitIdentifier && Tag(a, "pod.outcome") == outcome);
        AssertMeasured("pod.gpc.verifications", ("pod.gpc.circuit", bound.CircuitIdentifier), ("pod.outcome", outcome));
        AssertMeasured("pod.gpc.verify.duration", ("pod.gpc.circuit", bound.CircuitIdentifier), ("pod.outcome", outcome));
    }

    [Fact]
    public void Prove_Proved_AndRefused_EmitActivityCounterAndDuration()
    {
        var prover = new GpcProver(ProvingReference.Artifacts());
        JsonNode item = ProvingReference.CheapestCase();
        prover.Prove(GpcJson.ParseProofConfig(GpcVectorInputs.Text(item["proofConfig"]!)), GpcVectorInputs.Inputs(item["inputs"]!));
        string circuit = item.Str("circuitIdentifier");

        Assert.Contains(_activities, a => a.OperationName == "pod.gpc.prove" && Tag(a, "pod.gpc.circuit") == circuit);
        AssertMeasured("pod.gpc.proofs", ("pod.gpc.circuit", circuit), ("pod.outcome", "proved"));
        AssertMeasured("pod.gpc.prove.duration", ("pod.gpc.circuit", circuit), ("pod.outcome", "proved"));

        // Inputs that do not hold the config's PODs: refused before a circuit is chosen.
        Assert.Throws<GpcConfigException>(() => prover.Prove(
            GpcJson.ParseProofConfig(GpcVectorInputs.Text(item["proofConfig"]!)), new GpcProofInputs { Pods = new Dictionary<string, global::Pod.SignedPod>() }));
        Assert.Contains(_activities, a => a.OperationName == "pod.gpc.prove" && a.Status == ActivityStatusCode.Error && Tag(a, "pod.gpc.circuit") is null);
        AssertMeasured("pod.gpc.proofs", ("pod.gpc.circuit", "none"), ("pod.outcome", "refused"));
    }

    [Fact]
    public async Task Issue_IssuedAndRefused_EmitActivityCounterAndDuration()
    {
        using var enclave = new SimulatedEnclave();
        enclave.StartSession(IssuerHarness.Start.AddHours(1));
        using var issuerKey = EdDsaPrivateKey.Generate();
        using var simulatedKey = EdDsaPrivateKey.Generate();
        var options = new TlsIssuerOptions
        {
            IssuerKey = issuerKey,
            SimulatedIssuerKey = simulatedKey,
            UidKey = new byte[32],
            AllowSimulatedEvidence = true,
        };
        options.Policy.AllowedMrEnclaves.Add(SimulatedEnclave.DefaultMrEnclaveHex);
        ProviderSpec spec = ProviderSpec.Parse(IssuerHarness.SpecJson);
        options.Providers.Add(spec);
        using var issuer = new TlsPodIssuer(
            options, new InMemoryTlsIssuerStore(), [new SimulatedEnclaveVerifier(enclave.ExportRootPublicKey())], new ManualTimeProvider(IssuerHarness.Start));
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        NonceGrant grant = await issuer.CreateNonceAsync();
        byte[] payload = IssuerHarness.Payload(grant.Nonce, owner.PublicKey.ToString(), IssuerHarness.Start, IssuerHarness.Response());

        Assert.True((await issuer.IssueAsync(new TlsIssuanceRequest(spec.Id, payload, enclave.Notarize(payload), owner.PublicKey.ToString()))).Succeeded);
        TlsIssuanceResult refused = await issuer.IssueAsync(new TlsIssuanceRequest("no.such.provider", payload, enclave.Notarize(payload), owner.PublicKey.ToString()));

        Assert.False(refused.Succeeded);
        Assert.Contains(_activities, a => a.OperationName == "pod.tls.issue" && Tag(a, "pod.tls.provider") == spec.Id && Tag(a, "pod.outcome") == "issued");
        AssertMeasured("pod.tls.issuances", ("pod.tls.provider", spec.Id), ("pod.outcome", "issued"));
        AssertMeasured("pod.tls.issue.duration", ("pod.tls.provider", spec.Id), ("pod.outcome", "issued"));

        // The client's unknown provider id never becomes a tag.
        AssertMeasured("pod.tls.issuances", ("pod.tls.provider", "unknown"), ("pod.outcome", refused.Error.ToString()!));
        Assert.DoesNotContain(_measurements, m => m.Tags.Values.Contains("no.such.provider"));
    }

    private static string? Tag(Activity activity, string name) => activity.GetTagItem(name) as string;

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

    private void AssertMeasured(string instrument, params (string Key, string Value)[] tags) =>
        Assert.Contains(_measurements, m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out object? v) && (string?)v == t.Value));
}
