using System.Diagnostics;
using System.Numerics;
using Pod.Cryptography.Fields;
using Pod.Identity;

namespace Pod.Gpc;

/// <summary>
/// The verifier's side of GPC (@pcd/gpc 0.4.1's gpcVerify): checks a bound config and revealed claims
/// against each other, rebuilds the public signals the proof must have, and checks the Groth16 proof.
/// </summary>
public static class GpcVerifier
{
    /// <summary>
    /// Verifies a GPC proof (gpcVerify) with a key the provider holds: the claims must fit the bound config, and the
    /// proof must be valid for the public signals they give, each reduced mod r as the circuit reduces it. Returns an
    /// invalid result with its <see cref="GpcVerificationFailure"/>, never an exception, for any wrong or malformed
    /// proof, config or claims, and for a key the provider does not hold; reads no file.
    /// </summary>
    /// <remarks>
    /// <para>Unlike the reference, a negative int watermark or external nullifier (or a date before 1970) is
    /// reduced mod r, so such valid proofs verify. One value is refused: a watermark or external nullifier
    /// whose signal is r - 1 (int -1, the date 1 ms before 1970) is the circuit's "absent" value, so the
    /// proof could not be told apart from one without it (<see cref="GpcVerificationFailure.AmbiguousWatermark"/>).
    /// See docs/verifying.md.</para>
    /// <para>Traced as the activity <c>pod.gpc.verify</c> of the source <c>Pod.Gpc</c> and counted by the meter of the same
    /// name (docs/telemetry.md).</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static GpcVerificationResult Verify(Groth16Proof proof, GpcBoundConfig boundConfig, GpcRevealedClaims revealedClaims, IGpcVerificationKeyProvider keys)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(boundConfig);
        ArgumentNullException.ThrowIfNull(revealedClaims);
        ArgumentNullException.ThrowIfNull(keys);
        return Traced(proof, boundConfig, revealedClaims, keys, loader: null);
    }

    /// <summary>
    /// Verifies a GPC proof as <see cref="Verify(Groth16Proof, GpcBoundConfig, GpcRevealedClaims, IGpcVerificationKeyProvider)"/>
    /// does, reading the circuit's key first when <paramref name="keys"/> has not loaded it yet: the convenient form for a
    /// tool or a test. A key file that is missing or differs from its pin gives
    /// <see cref="GpcVerificationFailure.KeyUnavailable"/> with the reason (which names the server's paths); still never an
    /// exception. A service loads its keys at start (<see cref="GpcVerificationKeys.LoadAllAsync"/>), so no request waits for a file.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static GpcVerificationResult Verify(Groth16Proof proof, GpcBoundConfig boundConfig, GpcRevealedClaims revealedClaims, GpcVerificationKeys keys)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(boundConfig);
        ArgumentNullException.ThrowIfNull(revealedClaims);
        ArgumentNullException.ThrowIfNull(keys);
        return Traced(proof, boundConfig, revealedClaims, keys, loader: keys);
    }

    /// <summary>
    /// Checks a bound config and its claims and compiles the public inputs and outputs of the proof
    /// (gpcPreVerify), with the public signals in snarkjs's order.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="GpcConfigException">The config or claims break a rule, or disagree; the path names the field.</exception>
    public static GpcVerifyPreparation PreVerify(GpcBoundConfig boundConfig, GpcRevealedClaims revealedClaims)
    {
        ArgumentNullException.ThrowIfNull(boundConfig);
        ArgumentNullException.ThrowIfNull(revealedClaims);
        GpcVerificationFailure step = GpcVerificationFailure.None;
        return Prepare(boundConfig, revealedClaims, ref step);
    }

    private static GpcVerificationResult Traced(
        Groth16Proof proof, GpcBoundConfig boundConfig, GpcRevealedClaims revealedClaims, IGpcVerificationKeyProvider keys, GpcVerificationKeys? loader)
    {
        using Activity? activity = GpcTelemetry.Source.StartActivity(GpcTelemetry.VerifyActivity);
        long started = Stopwatch.GetTimestamp();
        GpcVerificationResult result = VerifyCore(proof, boundConfig, revealedClaims, keys, loader);

        // Only a circuit of the family becomes a tag: the bound config's identifier is the client's text.
        string circuit = GpcCircuitFamily.TryFind(boundConfig.CircuitIdentifier, out GpcCircuitDescription? known) ? known.Identifier : "unknown";
        GpcTelemetry.Record(activity, circuit, result.IsValid, Stopwatch.GetElapsedTime(started));
        return result;
    }

    private static GpcVerificationResult VerifyCore(
        Groth16Proof proof, GpcBoundConfig boundConfig, GpcRevealedClaims revealedClaims, IGpcVerificationKeyProvider keys, GpcVerificationKeys? loader)
    {
        GpcVerifyPreparation prepared;
        GpcVerificationFailure step = GpcVerificationFailure.None;
        try
        {
            prepared = Prepare(boundConfig, revealedClaims, ref step);
        }
        catch (GpcConfigException e)
        {
            return GpcVerificationResult.Invalid(step, $"{StepDescription(step)} at {e.ParamName}.{e.Path}: {e.Message}");
        }

        if (revealedClaims.Watermark is { } watermark && GpcSignalValues.IsAbsent(watermark))
        {
            return GpcVerificationResult.Invalid(GpcVerificationFailure.AmbiguousWatermark,
                "The watermark's signal is r - 1 (for example int -1), the circuit's value for \"no watermark\": the proof is ambiguous.");
        }

        if (revealedClaims.Owner?.ExternalNullifier is { } externalNullifier && GpcSignalValues.IsAbsent(externalNullifier))
        {
            return GpcVerificationResult.Invalid(GpcVerificationFailure.AmbiguousWatermark,
                "The external nullifier's signal is r - 1 (for example int -1), the circuit's value for \"no external nullifier\": the proof is ambiguous.");
        }

        Groth16VerificationKey? key;
        string? problem = null;
        if (!(loader is not null ? loader.TryLoad(prepared.Circuit, out key, out problem) : keys.TryGetKey(prepared.Circuit, out key)))
        {
            return GpcVerificationResult.Invalid(GpcVerificationFailure.KeyUnavailable,
                $"The verification key of circuit {prepared.Circuit.Identifier} is unavailable: {problem ?? "the key provider does not hold it (load the keys before verifying)."}");
        }

        Fr[] signals = prepared.PublicSignals.Select(s => Fr.FromBigIntegerReduced(s)).ToArray();
        return Groth16.Verify(key, proof, signals)
            ? GpcVerificationResult.Valid(revealedClaims, revealedClaims.Owner is { } owner ? Fr.FromBigIntegerReduced(GpcSignalValues.Watermark(owner.ExternalNullifier)) : null)
            : GpcVerificationResult.Invalid(GpcVerificationFailure.ProofRejected, "The Groth16 proof is not valid for the public signals of the bound config and claims.");
    }

    /// <summary>
    /// gpcPreVerify's steps in order (checkVerifyArgs, checkCircuitRequirements, compileVerifyConfig); <paramref name="step"/>
    /// is kept at the step running, so a <see cref="GpcConfigException"/> thrown out of here says which step refused.
    /// </summary>
    private static GpcVerifyPreparation Prepare(GpcBoundConfig boundConfig, GpcRevealedClaims claims, ref GpcVerificationFailure step)
    {
        GpcProofConfig config = boundConfig.ToProofConfig();
        step = GpcVerificationFailure.ConfigInvalid;
        GpcChecks.Checked configChecked = GpcChecks.CheckBoundConfig(boundConfig, config, GpcChecks.BoundConfigParam);
        step = GpcVerificationFailure.ClaimsInvalid;
        GpcRequirements requirements = configChecked.Requirements.Merge(GpcChecks.CheckRevealedClaims(claims, GpcChecks.ClaimsParam));
        step = GpcVerificationFailure.ClaimsMismatch;
        GpcChecks.CheckVerifyClaimsForConfig(config, claims, configChecked.Lists);
        step = GpcCircuitFamily.TryFind(boundConfig.CircuitIdentifier, out _) ? GpcVerificationFailure.CircuitTooSmall : GpcVerificationFailure.CircuitUnknown;
        GpcCircuitDescription circuit = GpcChecks.CheckCircuitRequirements(requirements, boundConfig.CircuitIdentifier, GpcChecks.BoundConfigParam);
        var (publicInputs, outputs) = CircuitCompiler.CompileVerify(new CompilerLayout(circuit, config, configChecked.Lists), claims);
        return new GpcVerifyPreparation(circuit, publicInputs, outputs, PublicSignals(publicInputs, outputs));
    }

    private static string StepDescription(GpcVerificationFailure step) => step switch
    {
        GpcVerificationFailure.ConfigInvalid => "The bound config breaks a rule",
        GpcVerificationFailure.ClaimsInvalid => "The revealed claims break a rule",
        GpcVerificationFailure.ClaimsMismatch => "The claims do not fit the bound config",
        _ => "The bound config's circuit cannot hold the proof",
    };

    /// <summary>
    /// ProtoPODGPC.makePublicSignals: the outputs then the public inputs, flattened; the range bounds are
    /// reduced mod r (a negative bound -n becomes r - n), the rest is passed as it is.
    /// </summary>
    private static BigInteger[] PublicSignals(GpcCircuitSignals publicInputs, GpcCircuitSignals outputs) =>
        outputs.Concat(publicInputs)
            .SelectMany(s => s.Name is GpcSignalNames.NumericMinValues or GpcSignalNames.NumericMaxValues ? s.Values.Select(ReduceModR) : s.Values)
            .ToArray();

    private static BigInteger ReduceModR(BigInteger value) => ((value % Fr.Modulus) + Fr.Modulus) % Fr.Modulus;
}
