namespace Pod.Cryptography.Fields;

/// <summary>
/// Names an odd prime modulus p below 2^254 for <see cref="Montgomery{TModulus}"/>. Implemented by an
/// empty struct per field; its members return constants, so the JIT specialises the arithmetic with the
/// modulus folded into the code.
/// </summary>
internal interface IMontgomeryModulus
{
    /// <summary>Limb 0 (least significant) of p.</summary>
    static abstract ulong P0 { get; }

    /// <summary>Limb 1 of p.</summary>
    static abstract ulong P1 { get; }

    /// <summary>Limb 2 of p.</summary>
    static abstract ulong P2 { get; }

    /// <summary>Limb 3 (most significant) of p.</summary>
    static abstract ulong P3 { get; }

    /// <summary>-p^-1 mod 2^64 (checked against p when the field is first used).</summary>
    static abstract ulong NegativeInverse { get; }
}
