using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Curves;

/// <summary>The curve constants as fields, so the JIT reads them without going through properties.</summary>
internal static class Curve
{
    public static readonly Fr A = BabyJubJub.A;
    public static readonly Fr D = BabyJubJub.D;
}
