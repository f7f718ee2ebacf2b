namespace Pod.Gpc.Proving;

/// <summary>The phases of a Groth16 proof, reported through <see cref="IProgress{T}"/> as each begins.</summary>
public enum Groth16ProvingPhase
{
    /// <summary>A * w and B * w from the constraint coefficients, and their product C.</summary>
    Polynomials,

    /// <summary>Inverse FFTs, the shift to the odd points of the 2n domain, FFTs, and h = a * b - c.</summary>
    QuotientEvaluations,

    /// <summary>The multi-scalar multiplication over the A points.</summary>
    MultiExpA,

    /// <summary>The multi-scalar multiplication over the B1 points (G1).</summary>
    MultiExpB1,

    /// <summary>The multi-scalar multiplication over the B2 points (G2).</summary>
    MultiExpB2,

    /// <summary>The multi-scalar multiplication over the C points (private wires).</summary>
    MultiExpC,

    /// <summary>The multi-scalar multiplication over the H points.</summary>
    MultiExpH,

    /// <summary>Blinding with fresh r and s, and assembly of A, B and C.</summary>
    Assembly,

    /// <summary>The pairing check of the finished proof against the key's verification part.</summary>
    SelfCheck,
}
