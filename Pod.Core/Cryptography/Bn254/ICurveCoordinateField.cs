using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Bn254;

/// <summary>
/// A field of BN254 point coordinates, carrying its curve's parameter: y^2 = x^3 + b with b = 3 over Fq (G1)
/// and b = 3 / xi over Fq2 (the twist, G2). On BN254 each coordinate field has exactly one curve, so the curve
/// is named by the coordinate type, as a Montgomery modulus is by its modulus type, and no caller passes b.
/// </summary>
internal interface ICurveCoordinateField<TSelf> : IField<TSelf>
    where TSelf : struct, ICurveCoordinateField<TSelf>
{
    /// <summary>The b of y^2 = x^3 + b over this field.</summary>
    static abstract TSelf CurveB { get; }
}
