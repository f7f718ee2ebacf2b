namespace Pod.Cryptography.Fields;

/// <summary>r = 21888242871839275222246405745257275088548364400416034343698204186575808495617 (BN254 scalar field).</summary>
internal readonly struct FrModulus : IMontgomeryModulus
{
    public static ulong P0 => 0x43e1f593f0000001;

    public static ulong P1 => 0x2833e84879b97091;

    public static ulong P2 => 0xb85045b68181585d;

    public static ulong P3 => 0x30644e72e131a029;

    public static ulong NegativeInverse => 0xc2e1f593efffffff;
}
