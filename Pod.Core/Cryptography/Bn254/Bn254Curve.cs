using System.Numerics;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Bn254;

/// <summary>
/// BN254 (alt_bn128, the curve of Ethereum's precompiles, circom and snarkjs): E: y^2 = x^3 + 3 over Fq
/// (G1, cofactor 1) and the sextic twist E': y^2 = x^3 + 3 / xi over Fq2 (G2), both of prime order r,
/// the BN254 scalar field modulus; BN parameter x = 4965661367192848881.
/// </summary>
internal static class Bn254Curve
{
    /// <summary>The BN parameter x (the curve is BN(x), p = 36x^4 + 36x^3 + 24x^2 + 6x + 1).</summary>
    public static readonly BigInteger X = 4965661367192848881;

    public static readonly BigInteger Order = Fr.Modulus;

    /// <summary>b of G1's curve, y^2 = x^3 + 3 (also <see cref="Fq.CurveB"/>).</summary>
    public static Fq B => Fq.CurveB;

    /// <summary>b of the twist, 3 / xi (also <see cref="Fq2.CurveB"/>).</summary>
    public static Fq2 TwistB => Fq2.CurveB;

    /// <summary>The standard generators (EIP-196/197).</summary>
    public static readonly CurvePoint<Fq> G1Generator = new(Fq.One, Fq.FromUInt64(2));

    public static readonly CurvePoint<Fq2> G2Generator = new(
        new Fq2(
            Fq.FromBigIntegerReduced(BigInteger.Parse("10857046999023057135944570762232829481370756359578518086990519993285655852781")),
            Fq.FromBigIntegerReduced(BigInteger.Parse("11559732032986387107991004021392285783925812861821192530917403151452391805634"))),
        new Fq2(
            Fq.FromBigIntegerReduced(BigInteger.Parse("8495653923123431417604973247489272438418190587263600148770280649306958101930")),
            Fq.FromBigIntegerReduced(BigInteger.Parse("4082367875863433681332203403145435568316851327593401208105741076214120093531"))));

    public static bool IsInG1(in CurvePoint<Fq> p) => p.IsOnCurve;

    /// <summary>On the twist and of order r (the twist's group has a large cofactor, so this matters).</summary>
    public static bool IsInG2(in CurvePoint<Fq2> q) =>
        q.IsOnCurve && (q.IsInfinity || JacobianPoint<Fq2>.Multiply(q.ToJacobian(), Order).IsInfinity);
}
