namespace Pod.Cryptography.Fields;

/// <summary>p = 21888242871839275222246405745257275088696311157297823662689037894645226208583 (BN254 base field).</summary>
internal readonly struct FqModulus : IMontgomeryModulus
{
    public static ulong P0 => 0x3c208c16d87cfd47;

    public static ulong P1 => 0x97816a916871ca8d;

    public static ulong P2 => 0xb85045b68181585d;

    public static ulong P3 => 0x30644e72e131a029;

    public static ulong NegativeInverse => 0x87d20782e4866389;
}
