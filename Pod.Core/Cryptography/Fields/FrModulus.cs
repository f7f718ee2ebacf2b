namespace Pod.Cryptography.Fields;

/// <summary>r = 21888242871839275222246405745257275088548364400416034343698204186575808495617 (BN254 scalar field).</summary>
internal readonly struct FrModulus : IMontgomeryModulus
{
    public static U256 Modulus => new(0x43e1f593f0000001, 0x2833e84879b97091, 0xb85045b68181585d, 0x30644e72e131a029);
}
