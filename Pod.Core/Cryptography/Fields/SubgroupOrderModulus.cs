namespace Pod.Cryptography.Fields;

/// <summary>
/// l = 2736030358979909402780800718157159386076813972158567259200215660948447373041, the prime order of
/// BabyJubJub's Base8 subgroup: EdDSA scalars (nonces, S = r + h*s) are computed modulo l.
/// </summary>
internal readonly struct SubgroupOrderModulus : IMontgomeryModulus
{
    public static ulong P0 => 0x677297dc392126f1;

    public static ulong P1 => 0xab3eedb83920ee0a;

    public static ulong P2 => 0x370a08b6d0302b0b;

    public static ulong P3 => 0x060c89ce5c263405;

    public static ulong NegativeInverse => 0x532ce5aebc48f5ef;
}
