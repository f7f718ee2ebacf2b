using System.Text.Json;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Bn254;

namespace Pod.Gpc;

/// <summary>
/// A Groth16 verification key in snarkjs's JSON (<c>vk_alpha_1</c>, <c>vk_beta_2</c>, <c>vk_gamma_2</c>,
/// <c>vk_delta_2</c>, <c>IC</c>), over BN254 ("bn128"), checked strictly when read.
/// </summary>
public sealed class Groth16VerificationKey
{
    private readonly Lazy<G1FixedBaseMsm> _icMsm;
    private readonly Lazy<PreparedKey> _prepared;

    internal Groth16VerificationKey(
        CurvePoint<Fq> alpha, CurvePoint<Fq2> beta, CurvePoint<Fq2> gamma, CurvePoint<Fq2> delta, CurvePoint<Fq>[] ic)
    {
        Alpha = alpha;
        Beta = beta;
        Gamma = gamma;
        Delta = delta;
        Ic = ic;
        _icMsm = new Lazy<G1FixedBaseMsm>(() => new G1FixedBaseMsm(ic.AsSpan(1)));
        _prepared = new Lazy<PreparedKey>(() => new PreparedKey(
            Pairing.Prepare(gamma), Pairing.Prepare(delta), Fq12.Conjugate(Pairing.Pair(alpha, beta))));
    }

    /// <summary>The number of public signals a proof under this key has.</summary>
    public int PublicSignalCount => Ic.Length - 1;

    internal CurvePoint<Fq> Alpha { get; }

    internal CurvePoint<Fq2> Beta { get; }

    internal CurvePoint<Fq2> Gamma { get; }

    internal CurvePoint<Fq2> Delta { get; }

    internal CurvePoint<Fq>[] Ic { get; }

    /// <summary>
    /// The precomputed multiples 2^(4j) IC_i of IC_1, ..., IC_n (4 KB each) for the public signals' sum, built on
    /// first use.
    /// </summary>
    internal G1FixedBaseMsm IcMsm => _icMsm.Value;

    /// <summary>
    /// What every proof under the key shares, computed on first use (about 25 KB): the Miller-loop lines of
    /// gamma and delta, and e(alpha, beta)^-1 (its conjugate: pairings lie in the cyclotomic subgroup), so a
    /// check runs one Miller loop on the twist (the proof's B) and compares with a constant.
    /// </summary>
    internal PreparedKey Prepared => _prepared.Value;

    /// <summary>A key's pairing material, prepared once.</summary>
    internal sealed record PreparedKey(PreparedG2Point Gamma, PreparedG2Point Delta, Fq12 AlphaBetaInverse);

    /// <summary>Reads a snarkjs verification key (the <c>-vkey.json</c> file).</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="FormatException">The JSON is not a valid BN254 Groth16 key; the message names the field.</exception>
    public static Groth16VerificationKey Parse(string json) => SnarkJsJson.ReadDocument(json, "verification key", FromJson);

    private static Groth16VerificationKey FromJson(JsonElement root)
    {
        JsonElement icElement = SnarkJsJson.Property(root, "IC");
        if (icElement.ValueKind != JsonValueKind.Array || icElement.GetArrayLength() == 0)
        {
            throw new FormatException("The field IC must be a non-empty array of G1 points.");
        }

        CurvePoint<Fq>[] ic = icElement.EnumerateArray().Select((e, i) => SnarkJsJson.ReadG1(e, $"IC[{i}]")).ToArray();
        if (root.TryGetProperty("nPublic", out JsonElement nPublic)
            && !(nPublic.ValueKind == JsonValueKind.Number && nPublic.TryGetInt32(out int n) && n == ic.Length - 1))
        {
            throw new FormatException($"The field nPublic must equal the number of IC points minus one ({ic.Length - 1}).");
        }

        return new Groth16VerificationKey(
            SnarkJsJson.ReadG1(SnarkJsJson.Property(root, "vk_alpha_1"), "vk_alpha_1"),
            SnarkJsJson.ReadG2(SnarkJsJson.Property(root, "vk_beta_2"), "vk_beta_2"),
            SnarkJsJson.ReadG2(SnarkJsJson.Property(root, "vk_gamma_2"), "vk_gamma_2"),
            SnarkJsJson.ReadG2(SnarkJsJson.Property(root, "vk_delta_2"), "vk_delta_2"),
            ic);
    }
}
