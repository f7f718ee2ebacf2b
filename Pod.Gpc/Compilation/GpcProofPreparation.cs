using Pod.Gpc.Circuits;
using Pod.Gpc.Config;

namespace Pod.Gpc.Compilation;

/// <summary>
/// Everything a Groth16 prover needs for one proof, and what the proof will claim (gpcPreProve, with
/// gpcPostProve's claims): the bound config, the circuit, every input signal, the outputs the circuit will
/// compute, and the revealed claims to send with the proof.
/// </summary>
public sealed class GpcProofPreparation
{
    internal GpcProofPreparation(GpcBoundConfig boundConfig, GpcCircuitDescription circuit, GpcCircuitSignals inputs, GpcCircuitSignals outputs, GpcRevealedClaims revealedClaims)
    {
        BoundConfig = boundConfig;
        Circuit = circuit;
        Inputs = inputs;
        Outputs = outputs;
        RevealedClaims = revealedClaims;
    }

    /// <summary>The checked, canonical config bound to <see cref="Circuit"/>.</summary>
    public GpcBoundConfig BoundConfig { get; }

    /// <summary>The circuit, the smallest that fits the config and inputs (or the one the config names).</summary>
    public GpcCircuitDescription Circuit { get; }

    /// <summary>All input signals, public and private, in the reference's order (<see cref="GpcCircuitSignals.ToJson"/> gives snarkjs's input).</summary>
    /// <remarks>They include the owner's secrets: keep them as secret as the identity.</remarks>
    public GpcCircuitSignals Inputs { get; }

    /// <summary>The outputs the circuit computes from <see cref="Inputs"/>: revealed value hashes and nullifier hashes.</summary>
    public GpcCircuitSignals Outputs { get; }

    /// <summary>The revealed claims of the proof (gpcPostProve's makeRevealedClaims).</summary>
    public GpcRevealedClaims RevealedClaims { get; }
}
