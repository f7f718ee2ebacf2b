using System.Diagnostics;
using System.Numerics;
using Pod.Cryptography.Fields;

namespace Pod.Gpc;

/// <summary>
/// The verifier's side of GPC (@pcd/gpc 0.4.1's gpcVerify): checks a bound config and revealed claims
/// against each other, rebuilds the public signals the proof must have, and checks the Groth16 proof.
/// </summary>
public static class GpcVerifier
{
    private static readonly BigInteger Absent = Fr.Modulus - 1;

    /// <summary>
    /// Verifies a GPC proof (gpcVerify): the claims must fit the bound config, and the proof must be valid
    /// for the public signals they give, each reduced mod r as the circuit reduces it. Returns an invalid
    /// result, never an exception, for any wrong or malformed proof, config or claims.
    /// </summary>
    /// <remarks>
    /// Unlike the reference, a negative int watermark or external nullifier (or a date before 1970) is
    /// reduced mod r, so such valid proofs verify. One value is refused: a watermark or external nullifier
    /// whose signal is r - 1 (int -1, the date 1 ms before 1970) is the circuit's "absent" value, so the
    /// proof could not be told apart from one without it. See docs/verifying.md.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="FileNotFoundException">The circuit's verification key is not installed.</exception>
    /// <exception cref="InvalidDataException">The installed verification key differs from its pinned SHA-256.</exception>
    /// <remarks>Traced as the activity <c>pod.gpc.verify</c> of the source <c>Pod.Gpc</c> and counted by the meter of the same
    /// name (docs/telemetry.md).</remarks>
    public static GpcVerificationResult Verify(Groth16Proof proof, GpcBoundConfig boundConfig, GpcRevealedClaims revealedClaims, GpcVerificationKeys keys)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(boundConfig);
        ArgumentNullException.ThrowIfNull(revealedClaims);
        ArgumentNullException.ThrowIfNull(keys);

        using Activity? activity = GpcTelemetry.Source.StartActivity(GpcTelemetry.VerifyActivity);
        long started = Stopwatch.GetTimestamp();
        GpcVerificationResult result = VerifyCore(proof, boundConfig, revealedClaims, keys);

        // Only a circuit of the family becomes a tag: the bound config's identifier is the client's text.
        string circuit = GpcCircuitFamily.TryFind(boundConfig.CircuitIdentifier, out GpcCircuitDescription? known) ? known.Identifier : "unknown";
        GpcTelemetry.Record(activity, circuit, result.IsValid, Stopwatch.GetElapsedTime(started));
        return result;
    }

    private static GpcVerificationResult VerifyCore(Groth16Proof proof, GpcBoundConfig boundConfig, GpcRevealedClaims revealedClaims, GpcVerificationKeys keys)
    {
        GpcVerifyPreparation prepared;
        try
        {
            prepared = PreVerify(boundConfig, revealedClaims);
        }
        catch (GpcConfigException e)
        {
            return GpcVerificationResult.Invalid($"The claims do not fit the bound config at {e.Path}: {e.Message}");
        }

        BigInteger watermark = CircuitCompiler.WatermarkSignal(revealedClaims.Watermark);
        BigInteger externalNullifier = CircuitCompiler.WatermarkSignal(revealedClaims.Owner?.ExternalNullifier);
        if (revealedClaims.Watermark is not null && ReduceModR(watermark) == Absent)
        {
            return GpcVerificationResult.Invalid("The watermark's signal is r - 1 (for example int -1), the circuit's value for \"no watermark\": the proof is ambiguous.");
        }

        if (revealedClaims.Owner?.ExternalNullifier is not null && ReduceModR(externalNullifier) == Absent)
        {
            return GpcVerificationResult.Invalid("The external nullifier's signal is r - 1 (for example int -1), the circuit's value for \"no external nullifier\": the proof is ambiguous.");
        }

        Fr[] signals = prepared.PublicSignals.Select(s => Fr.FromBigIntegerReduced(s)).ToArray();
        return Groth16.Verify(keys.For(prepared.Circuit), proof, signals)
            ? GpcVerificationResult.Valid(revealedClaims, revealedClaims.Owner is null ? null : Fr.FromBigIntegerReduced(externalNullifier))
            : GpcVerificationResult.Invalid("The Groth16 proof is not valid for the public signals of the bound config and claims.");
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
        GpcProofConfig config = boundConfig.ToProofConfig();
        GpcRequirements requirements = GpcChecks.CheckVerifyArgs(boundConfig, config, revealedClaims);
        GpcCircuitDescription circuit = GpcChecks.CheckCircuitRequirements(requirements, boundConfig.CircuitIdentifier, GpcChecks.BoundConfigParam);
        var (publicInputs, outputs) = CircuitCompiler.CompileVerify(new CompilerLayout(circuit, config, GpcChecks.BoundConfigParam), revealedClaims);
        return new GpcVerifyPreparation(circuit, publicInputs, outputs, PublicSignals(publicInputs, outputs));
    }

    /// <summary>
    /// ProtoPODGPC.makePublicSignals: the outputs then the public inputs, flattened; the range bounds are
    /// reduced mod r (a negative bound -n becomes r - n), the rest is passed as it is.
    /// </summary>
    private static BigInteger[] PublicSignals(GpcCircuitSignals publicInputs, GpcCircuitSignals outputs) =>
        outputs.Concat(publicInputs)
            .SelectMany(s => s.Name is "numericMinValues" or "numericMaxValues" ? s.Values.Select(ReduceModR) : s.Values)
            .ToArray();

    private static BigInteger ReduceModR(BigInteger value) => ((value % Fr.Modulus) + Fr.Modulus) % Fr.Modulus;
}
