namespace Pod.Gpc.Proving;

/// <summary>The phases of <see cref="GpcProver"/>'s <c>Prove</c>, reported through <see cref="IProgress{T}"/> as each begins.</summary>
public enum GpcProvingPhase
{
    /// <summary>The config and inputs checked, bound to a circuit and compiled to circuit inputs (gpcPreProve).</summary>
    Compile,

    /// <summary>The circuit's witness calculator and proving key read and checked (first use of a circuit only).</summary>
    LoadArtifacts,

    /// <summary>The witness computed by the circuit's own wasm.</summary>
    Witness,

    /// <summary>The Groth16 proof computed and checked.</summary>
    Prove,
}
