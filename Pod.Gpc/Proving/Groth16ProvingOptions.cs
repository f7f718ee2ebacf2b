namespace Pod.Gpc.Proving;

/// <summary>Options of <see cref="Groth16Prover"/>.</summary>
public sealed record Groth16ProvingOptions
{
    /// <summary>The defaults: every core, and the self-check on.</summary>
    public static Groth16ProvingOptions Default { get; } = new();

    /// <summary>At most this many threads work on one proof; -1 (the default) for as many as the scheduler gives.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>
    /// Whether every proof is checked against the key's verification part before it is returned (a few
    /// milliseconds next to the proving time). On by default, so that no invalid proof leaves Pod: a
    /// witness that does not satisfy the constraints gives a proof that does not verify.
    /// </summary>
    public bool VerifyBeforeReturning { get; init; } = true;
}
