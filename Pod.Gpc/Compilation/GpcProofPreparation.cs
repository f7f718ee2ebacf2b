
namespace Pod.Gpc;

/// <summary>
/// Everything a Groth16 prover needs for one proof, and what the proof will claim (gpcPreProve, with
/// gpcPostProve's claims): the bound config, the circuit, every input signal, the outputs the circuit will
/// compute, and the revealed claims to send with the proof.
/// </summary>
public sealed class GpcProofPreparation
{
    private readonly Lazy<GpcCircuitSignals> _outputs;
    private readonly Lazy<GpcRevealedClaims> _revealedClaims;

    internal GpcProofPreparation(
        GpcBoundConfig boundConfig, GpcCircuitDescription circuit, GpcCircuitSignals inputs, Func<GpcCircuitSignals> outputs, Func<GpcCircuitSignals, GpcRevealedClaims> revealedClaims)
    {
        BoundConfig = boundConfig;
        Circuit = circuit;
        Inputs = inputs;
        _outputs = new Lazy<GpcCircuitSignals>(outputs);
        _revealedClaims = new Lazy<GpcRevealedClaims>(() => revealedClaims(_outputs.Value));
    }

    /// <summary>The checked, canonical config bound to <see cref="Circuit"/>.</summary>
    public GpcBoundConfig BoundConfig { get; }

    /// <summary>The circuit, the smallest that fits the config and inputs (or the one the config names).</summary>
    public GpcCircuitDescription Circuit { get; }

    /// <summary>All input signals, public and private, in the reference's order (<see cref="GpcCircuitSignals.ToJson"/> gives snarkjs's input).</summary>
    /// <remarks>They include the owner's secrets: keep them as secret as the identity.</remarks>
    public GpcCircuitSignals Inputs { get; }

    /// <summary>
    /// The outputs the circuit computes from <see cref="Inputs"/>: revealed value hashes and nullifier
    /// hashes (computed on first use: the reference's gpcPreProve leaves them to the prover).
    /// </summary>
    public GpcCircuitSignals Outputs => _outputs.Value;

    /// <summary>The revealed claims of the proof (gpcPostProve's makeRevealedClaims; computed on first use).</summary>
    public GpcRevealedClaims RevealedClaims => _revealedClaims.Value;
}
