using System.Numerics;

namespace Pod.Gpc;

/// <summary>
/// What a Groth16 verifier needs to check a proof against a bound config and its revealed claims
/// (gpcPreVerify): the circuit, the public inputs and outputs the proof must have been made with, and
/// the public signals in snarkjs's order.
/// </summary>
public sealed class GpcVerifyPreparation
{
    internal GpcVerifyPreparation(GpcCircuitDescription circuit, GpcCircuitSignals publicInputs, GpcCircuitSignals outputs, IReadOnlyList<BigInteger> publicSignals)
    {
        Circuit = circuit;
        PublicInputs = publicInputs;
        Outputs = outputs;
        PublicSignals = publicSignals;
    }

    /// <summary>The circuit the bound config names.</summary>
    public GpcCircuitDescription Circuit { get; }

    /// <summary>The public input signals, in the reference's order.</summary>
    public GpcCircuitSignals PublicInputs { get; }

    /// <summary>The output signals the proof must carry.</summary>
    public GpcCircuitSignals Outputs { get; }

    /// <summary>
    /// The public signals as ProtoPODGPC.makePublicSignals orders them (outputs, then public inputs, arrays
    /// flattened), with the range bounds reduced mod r as the reference reduces them; other negative values
    /// (a negative int watermark or external nullifier) stay negative as in the reference, whose verifier
    /// then refuses the proof.
    /// </summary>
    public IReadOnlyList<BigInteger> PublicSignals { get; }
}
