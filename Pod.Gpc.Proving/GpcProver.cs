using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;
using Pod.Cryptography.Fields;
using Pod.Gpc.Requests;

namespace Pod.Gpc.Proving;

/// <summary>
/// Proves GPC configs about PODs, as <c>@pcd/gpc</c>'s <c>gpcProve</c>: checks the config and inputs, binds
/// the config to the smallest circuit that fits (or the one it names), compiles the circuit inputs
/// (<see cref="GpcCompiler.PreProve"/>), computes the witness with the circuit's own wasm and the Groth16
/// proof, and returns the proof with the bound config and revealed claims, which
/// <see cref="GpcVerifier"/> and <c>gpcVerify</c> accept. Thread-safe: share one instance per artifacts
/// directory; each circuit's witness calculator and proving key are read and checked (against
/// <see cref="GpcArtifacts"/>'s pinned hashes) on first use and kept.
/// </summary>
public sealed class GpcProver
{
    private readonly GpcArtifacts _artifacts;
    private readonly CircomWitnessCalculatorOptions _calculatorOptions;
    private readonly Groth16ProvingOptions _provingOptions;
    private readonly ConcurrentDictionary<string, Lazy<(CircomWitnessCalculator Calculator, Groth16ProvingKey Key)>> _circuits =
        new(StringComparer.Ordinal);

    /// <summary>A prover reading circuits from an artifacts directory.</summary>
    /// <param name="artifacts">Where the circuit files are, checked against their pins.</param>
    /// <param name="calculatorOptions">Witness calculator options (a compiled-circuit cache directory); null for the defaults.</param>
    /// <param name="provingOptions">Groth16 options (parallelism, the self-check); null for the defaults.</param>
    /// <exception cref="ArgumentNullException">The artifacts are null.</exception>
    public GpcProver(GpcArtifacts artifacts, CircomWitnessCalculatorOptions? calculatorOptions = null, Groth16ProvingOptions? provingOptions = null)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        _artifacts = artifacts;
        _calculatorOptions = calculatorOptions ?? CircomWitnessCalculatorOptions.Default;
        _provingOptions = provingOptions ?? Groth16ProvingOptions.Default;
    }

    /// <summary>Proves a config about the given inputs.</summary>
    /// <param name="proofConfig">What to prove.</param>
    /// <param name="proofInputs">The PODs, the owner's identity, membership lists, watermark.</param>
    /// <param name="progress">Told as each phase begins; may be null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="GpcConfigException">The config or inputs break a rule of @pcd/gpc, or no circuit fits; the path names the field.</exception>
    /// <exception cref="FileNotFoundException">A circuit file is missing.</exception>
    /// <exception cref="InvalidDataException">A circuit file differs from its pin or is malformed.</exception>
    /// <exception cref="CircomWitnessException">The circuit refused the inputs (a check the config's rules do not catch failed inside the circuit).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public GpcProvingResult Prove(
        GpcProofConfig proofConfig,
        GpcProofInputs proofInputs,
        IProgress<GpcProvingPhase>? progress = null,
        CancellationToken cancellationToken = default) =>
        Prove(proofConfig, proofInputs, progress, groth16Progress: null, cancellationToken);

    /// <summary>Proves a config about the given inputs, reporting the Groth16 step's phases (FFTs, MSMs) as well.</summary>
    /// <param name="proofConfig">What to prove.</param>
    /// <param name="proofInputs">The PODs, the owner's identity, membership lists, watermark.</param>
    /// <param name="progress">Told as each phase begins; may be null.</param>
    /// <param name="groth16Progress">Told as each phase of the Groth16 proof (<see cref="GpcProvingPhase.Prove"/>) begins; may be null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="GpcConfigException">The config or inputs break a rule of @pcd/gpc, or no circuit fits; the path names the field.</exception>
    /// <exception cref="FileNotFoundException">A circuit file is missing.</exception>
    /// <exception cref="InvalidDataException">A circuit file differs from its pin or is malformed.</exception>
    /// <exception cref="CircomWitnessException">The circuit refused the inputs (a check the config's rules do not catch failed inside the circuit).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>Traced as the activity <c>pod.gpc.prove</c> of the source <c>Pod.Gpc.Proving</c> and counted by the meter of the
    /// same name (docs/telemetry.md).</remarks>
    public GpcProvingResult Prove(
        GpcProofConfig proofConfig,
        GpcProofInputs proofInputs,
        IProgress<GpcProvingPhase>? progress,
        IProgress<Groth16ProvingPhase>? groth16Progress,
        CancellationToken cancellationToken)
    {
        using Activity? activity = ProvingTelemetry.Source.StartActivity(ProvingTelemetry.ProveActivity);
        long started = Stopwatch.GetTimestamp();
        string circuitName = "none";
        try
        {
            GpcProvingResult result = ProveCore(proofConfig, proofInputs, progress, groth16Progress, activity, ref circuitName, cancellationToken);
            ProvingTelemetry.Record(circuitName, "proved", Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (Exception e)
        {
            string outcome = e switch
            {
                OperationCanceledException => "cancelled",
                GpcConfigException => "refused",
                _ => "failed",
            };
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            ProvingTelemetry.Record(circuitName, outcome, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private GpcProvingResult ProveCore(
        GpcProofConfig proofConfig,
        GpcProofInputs proofInputs,
        IProgress<GpcProvingPhase>? progress,
        IProgress<Groth16ProvingPhase>? groth16Progress,
        Activity? activity,
        ref string circuitName,
        CancellationToken cancellationToken)
    {
        progress?.Report(GpcProvingPhase.Compile);
        GpcProofPreparation preparation = GpcCompiler.PreProve(proofConfig, proofInputs);
        circuitName = preparation.Circuit.Identifier;
        activity?.SetTag(ProvingTelemetry.CircuitTag, circuitName);
        cancellationToken.ThrowIfCancellationRequested();

        progress?.Report(GpcProvingPhase.LoadArtifacts);
        (CircomWitnessCalculator calculator, Groth16ProvingKey key) = Circuit(preparation.Circuit);

        progress?.Report(GpcProvingPhase.Witness);
        Fr[] witness = calculator.Calculate(
            preparation.Inputs.Select(s => new KeyValuePair<string, IReadOnlyList<BigInteger>>(s.Name, s.Values)),
            cancellationToken);

        progress?.Report(GpcProvingPhase.Prove);
        Groth16ProvingResult proof = Groth16Prover.Prove(key, witness, _provingOptions, groth16Progress, cancellationToken);

        // The circuit's outputs lead the public signals. The claims are made from the outputs the compiler
        // computed, so they must be the circuit's own: a difference is a defect here, never a proof to send.
        int index = 0;
        foreach (GpcCircuitSignal output in preparation.Outputs)
        {
            foreach (BigInteger value in output.Values)
            {
                if (index >= proof.PublicSignals.Count || Fr.FromBigIntegerReduced(value) != proof.PublicSignals[index])
                {
                    throw new InvalidOperationException(
                        $"The circuit's output {output.Name} differs from the one the compiler computed; no proof is returned.");
                }

                index++;
            }
        }

        return new GpcProvingResult(proof.Proof, preparation.BoundConfig, preparation.RevealedClaims);
    }

    /// <summary>
    /// Answers a verifier's request (<see cref="GpcProofRequest"/>, what <c>GET /request</c> of a verifier hands out): proves
    /// its config with its membership lists, its watermark and its external nullifier.
    /// </summary>
    /// <param name="request">What the verifier asks for.</param>
    /// <param name="pods">The PODs, by the names the request's config uses.</param>
    /// <param name="owner">
    /// The owner's identities when the config has owner entries; its external nullifier is used only when the request names
    /// none (a verifier that asks for several proofs may scope them all by one request's external nullifier).
    /// </param>
    /// <param name="progress">Told as each phase begins; may be null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or <paramref name="pods"/> is null.</exception>
    /// <exception cref="GpcConfigException">The PODs or the owner do not satisfy the request (a value out of range, a list member that must not be); the path names the field.</exception>
    /// <exception cref="FileNotFoundException">A circuit file is missing.</exception>
    /// <exception cref="InvalidDataException">A circuit file differs from its pin or is malformed.</exception>
    /// <exception cref="CircomWitnessException">The circuit refused the inputs.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public GpcProvingResult Prove(
        GpcProofRequest request,
        IReadOnlyDictionary<string, SignedPod> pods,
        GpcProofOwnerInputs? owner,
        IProgress<GpcProvingPhase>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(pods);
        GpcProofOwnerInputs? scoped = owner is null || request.ExternalNullifier is null ? owner : new GpcProofOwnerInputs
        {
            SemaphoreV3 = owner.SemaphoreV3,
            SemaphoreV4 = owner.SemaphoreV4,
            ExternalNullifier = request.ExternalNullifier,
        };
        return Prove(
            request.ProofConfig,
            new GpcProofInputs
            {
                Pods = pods,
                Owner = scoped,
                MembershipLists = request.MembershipLists.Count == 0 ? null : request.MembershipLists,
                Watermark = request.Watermark,
            },
            progress,
            cancellationToken);
    }

    private (CircomWitnessCalculator, Groth16ProvingKey) Circuit(GpcCircuitDescription circuit)
    {
        Lazy<(CircomWitnessCalculator, Groth16ProvingKey)> lazy = _circuits.GetOrAdd(
            circuit.Identifier,
            _ => new Lazy<(CircomWitnessCalculator, Groth16ProvingKey)>(
                () => (CircomWitnessCalculator.Load(_artifacts.ReadWasm(circuit), _calculatorOptions),
                       Groth16ProvingKey.Load(new MemoryStream(_artifacts.ReadProvingKey(circuit), writable: false))),
                LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed read (a file not installed yet) is not cached: the next call reads again.
            _circuits.TryRemove(new KeyValuePair<string, Lazy<(CircomWitnessCalculator, Groth16ProvingKey)>>(circuit.Identifier, lazy));
            throw;
        }
    }
}
