namespace Pod.Cryptography.Fields;

/// <summary>
/// Names an odd prime modulus below 2^254 for <see cref="Montgomery{TModulus}"/>. Implemented by an
/// empty struct per field so the JIT specialises the arithmetic with the modulus as constants.
/// </summary>
internal interface IMontgomeryModulus
{
    /// <summary>The modulus, least significant limb first.</summary>
    static abstract U256 Modulus { get; }
}
