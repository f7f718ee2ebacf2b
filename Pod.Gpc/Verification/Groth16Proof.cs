using System.Text;
using System.Text.Json;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Bn254;

namespace Pod.Gpc.Verification;

/// <summary>
/// A Groth16 proof (A, B, C) in snarkjs's JSON (<c>pi_a</c>, <c>pi_b</c>, <c>pi_c</c> as projective
/// decimal coordinates), checked strictly when read: canonical coordinates, points on their curves, B in
/// the subgroup of order r.
/// </summary>
public sealed class Groth16Proof
{
    internal Groth16Proof(CurvePoint<Fq> a, CurvePoint<Fq2> b, CurvePoint<Fq> c)
    {
        A = a;
        B = b;
        C = c;
    }

    internal CurvePoint<Fq> A { get; }

    internal CurvePoint<Fq2> B { get; }

    internal CurvePoint<Fq> C { get; }

    /// <summary>Reads a snarkjs proof.</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="FormatException">The JSON is not a valid BN254 Groth16 proof; the message names the field.</exception>
    public static Groth16Proof Parse(string json) => SnarkJsJson.ReadDocument(json, "proof", FromJson);

    /// <summary>Reads like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? json, out Groth16Proof? proof)
    {
        proof = null;
        if (json is null)
        {
            return false;
        }

        try
        {
            proof = Parse(json);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The proof as snarkjs writes <c>proof.json</c>: affine coordinates as decimal strings with the
    /// projective 1 appended, G2 coordinates as [c0, c1] pairs, one-space indentation.
    /// </summary>
    public string ToJson()
    {
        var text = new StringBuilder();
        text.Append("{\n \"pi_a\": ");
        AppendG1(text, A);
        text.Append(",\n \"pi_b\": [\n  ");
        AppendFq2(text, B.X, "  ");
        text.Append(",\n  ");
        AppendFq2(text, B.Y, "  ");
        text.Append(",\n  [\n   \"1\",\n   \"0\"\n  ]\n ],\n \"pi_c\": ");
        AppendG1(text, C);
        text.Append(",\n \"protocol\": \"groth16\",\n \"curve\": \"bn128\"\n}");
        return text.ToString();
    }

    private static void AppendG1(StringBuilder text, in CurvePoint<Fq> point) =>
        text.Append("[\n  \"").Append(point.X.ToString()).Append("\",\n  \"").Append(point.Y.ToString()).Append("\",\n  \"1\"\n ]");

    private static void AppendFq2(StringBuilder text, in Fq2 value, string indent) =>
        text.Append("[\n").Append(indent).Append(" \"").Append(value.A.ToString()).Append("\",\n")
            .Append(indent).Append(" \"").Append(value.B.ToString()).Append("\"\n").Append(indent).Append(']');

    private static Groth16Proof FromJson(JsonElement root) => new(
        SnarkJsJson.ReadG1(SnarkJsJson.Property(root, "pi_a"), "pi_a"),
        SnarkJsJson.ReadG2(SnarkJsJson.Property(root, "pi_b"), "pi_b"),
        SnarkJsJson.ReadG1(SnarkJsJson.Property(root, "pi_c"), "pi_c"));
}
