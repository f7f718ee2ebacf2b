namespace Pod.Cryptography.Fields;

/// <summary>
/// l = 2736030358979909402780800718157159386076813972158567259200215660948447373041, the prime order of
/// BabyJubJub's Base8 subgroup: EdDSA scalars (nonces, S = r + h*s) are computed modulo l.
/// </summary>
internal readonly struct SubgroupOrderModulus : IMontgomeryModulus
{
    public static U256 Modulus => new(0x677297dc392126f1, 0xab3eedb83920ee0a, 0x370a08b6d0302b0b, 0x060c89ce5c263405);
}
