using System.Numerics;
using Pod.Cryptography.Fields;

namespace Pod.Identity;

/// <summary>
/// The two conventions every GPC circuit input shares, defined once for the compiler, the verifier, the nullifier
/// functions, the registry and the request verifier (@pcd/gpc 0.4.1's BABY_JUB_NEGATIVE_ONE and makeWatermarkSignal).
/// </summary>
/// <remarks>
/// The absent value r - 1 stands for "no value, no index, not revealed" in every slot of a circuit, so a watermark or
/// external nullifier whose signal is r - 1 cannot be told apart from none at all: <see cref="IsAbsent"/> finds them.
/// </remarks>
internal static class GpcSignalValues
{
    /// <summary>r - 1 (BABY_JUB_NEGATIVE_ONE), as the compiler writes it into circuit inputs.</summary>
    public static readonly BigInteger Absent = Fr.Modulus - 1;

    /// <summary>r - 1 as a field element, as a proof's public signals and revealed hashes carry it.</summary>
    public static readonly Fr AbsentElement = -Fr.One;

    /// <summary>
    /// The watermark or external nullifier signal as the reference writes it (makeWatermarkSignal): absent as r - 1,
    /// an int, cryptographic, boolean or date value as itself (a negative int or date stays negative: the witness
    /// calculator reduces it mod r), any other value (string, bytes, eddsa_pubkey, null) as its value hash.
    /// </summary>
    public static BigInteger Watermark(PodValue? value) =>
        value is null ? Absent : value.CircuitValue ?? value.Hash.ToBigInteger();

    /// <summary>The signal of a present watermark or external nullifier as the circuit sees it: <see cref="Watermark"/> reduced mod r.</summary>
    public static Fr WatermarkElement(PodValue value) =>
        value.CircuitValue is { } number ? Fr.FromBigIntegerReduced(number) : value.Hash;

    /// <summary>True when a present watermark or external nullifier enters the circuit as r - 1, the value for "none".</summary>
    public static bool IsAbsent(PodValue value) => WatermarkElement(value) == AbsentElement;
}
