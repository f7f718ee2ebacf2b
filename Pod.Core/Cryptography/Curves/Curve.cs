using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Curves;

/// <summary>
/// The constants of the curve the arithmetic runs on: BabyJubJub a*x^2 + y^2 = 1 + d*x^2*y^2 is isomorphic
/// to -u^2 + y^2 = 1 + d'*u^2*y^2 through u = s*x with s = sqrt(-a) (-a is a square mod r) and d' = -d/a.
/// With a = -1 the faster formulas of Hisil et al. apply (no multiplication by a, 8M additions), and the
/// curve stays complete (-1 is a square, d' is not).
/// </summary>
internal static class Curve
{
    /// <summary>s = sqrt(-a): u = s * x.</summary>
    public static readonly Fr S = SquareRootOfMinusA();

    public static readonly Fr SInverse = Fr.Inverse(S);

    /// <summary>k = 2 * d' = -2d / a, as the addition formula uses it.</summary>
    public static readonly Fr K = Fr.Negate(Fr.FromUInt64(2) * BabyJubJub.D * Fr.Inverse(BabyJubJub.A));

    private static Fr SquareRootOfMinusA() =>
        Fr.TrySqrtVartime(-BabyJubJub.A, out Fr root)
            ? root
            : throw new InvalidOperationException("-a is not a square mod r: the BabyJubJub constants are corrupt.");
}
