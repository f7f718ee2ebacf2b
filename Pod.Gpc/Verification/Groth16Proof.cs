using System.Text.Json;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Bn254;

namespace Pod.Gpc;

/// <summary>
/// A Groth16 proof (A, B, C) in snarkjs's JSON (<c>pi_a</c>, <c>pi_b</c>, <c>pi_c</c> as projective
/// decimal coordinates), checked strictly when read: canonical coordinates, points on their curves, B in
/// the subgroup of order r.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(GpcJsonConverter))]
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
    /// The proof in snarkjs's JSON: <c>pi_a</c>, <c>pi_b</c>, <c>pi_c</c> as projective decimal coordinates with
    /// Z = 1 (the point at infinity as snarkjs writes it, 0, 1, 0), then <c>protocol</c> and <c>curve</c>.
    /// </summary>
    /// <remarks>Matches the layout of snarkjs's <c>groth16.prove</c> output, so <see cref="Parse"/> reads it back.</remarks>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("pi_a");
            WriteG1(writer, A);
            writer.WritePropertyName("pi_b");
            writer.WriteStartArray();
            if (B.IsInfinity)
            {
                WriteFq2(writer, Fq2.Zero);
                WriteFq2(writer, Fq2.One);
                WriteFq2(writer, Fq2.Zero);
            }
            else
            {
                WriteFq2(writer, B.X);
                WriteFq2(writer, B.Y);
                WriteFq2(writer, Fq2.One);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("pi_c");
            WriteG1(writer, C);
            writer.WriteString("protocol", "groth16");
            writer.WriteString("curve", "bn128");
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteG1(Utf8JsonWriter writer, CurvePoint<Fq> point)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(point.IsInfinity ? "0" : point.X.ToString());
        writer.WriteStringValue(point.IsInfinity ? "1" : point.Y.ToString());
        writer.WriteStringValue(point.IsInfinity ? "0" : "1");
        writer.WriteEndArray();
    }

    private static void WriteFq2(Utf8JsonWriter writer, Fq2 value)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(value.A.ToString());
        writer.WriteStringValue(value.B.ToString());
        writer.WriteEndArray();
    }

    private static Groth16Proof FromJson(JsonElement root) => new(
        SnarkJsJson.ReadG1(SnarkJsJson.Property(root, "pi_a"), "pi_a"),
        SnarkJsJson.ReadG2(SnarkJsJson.Property(root, "pi_b"), "pi_b"),
        SnarkJsJson.ReadG1(SnarkJsJson.Property(root, "pi_c"), "pi_c"));
}
