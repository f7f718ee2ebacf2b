namespace Pod.Gpc.Proving;

/// <summary>Options of <see cref="CircomWitnessCalculator"/>.</summary>
public sealed record CircomWitnessCalculatorOptions
{
    /// <summary>The defaults: no on-disk module cache.</summary>
    public static CircomWitnessCalculatorOptions Default { get; } = new();

    /// <summary>
    /// A directory where compiled circuits are kept across processes (Wasmtime's serialized modules, named
    /// by the SHA-256 of the circuit's wasm): compiling a 3.5 MB circuit takes seconds, loading it from here
    /// milliseconds. Null (the default) keeps compiled circuits in memory only. A serialized module is
    /// native code that is loaded as is: use a directory only this user can write (it is created with
    /// owner-only permissions when missing).
    /// </summary>
    public string? CacheDirectory { get; init; }
}
