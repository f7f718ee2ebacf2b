using System.Text.Json;
using Pod.Serialization;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Bn254;

namespace Pod.Gpc;

/// <summary>
/// Strict readers for snarkjs's JSON: points as projective (Jacobian) decimal coordinates, G2 coordinates
/// as [c0, c1] pairs; every coordinate canonical (below p), every point on its curve and G2 points in the
/// prime-order subgroup. Failures are <see cref="FormatException"/>s naming the field.
/// </summary>
internal static class SnarkJsJson
{
    /// <summary>Parses a snarkjs object (protocol groth16, curve bn128) and reads it; malformed JSON is a FormatException.</summary>
    public static T ReadDocument<T>(string json, string what, Func<JsonElement, T> read)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"A snarkjs {what} must be a JSON object.");
            }

            ExpectString(root, "protocol", "groth16");
            ExpectString(root, "curve", "bn128");
            return read(root);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The {what} is not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (JsonTextErrors.IsInvalidText(e))
        {
            // A lone surrogate, raw or escaped (\ud800) in a JSON string, has no UTF-8 form.
            throw new FormatException($"The {what} holds text that is not well-formed Unicode (a lone surrogate).", e);
        }
    }

    public static CurvePoint<Fq> ReadG1(JsonElement element, string field)
    {
        JsonElement[] coordinates = Array(element, field, 3);
        Fq x = ReadFq(coordinates[0], field + "[0]");
        Fq y = ReadFq(coordinates[1], field + "[1]");
        Fq z = ReadFq(coordinates[2], field + "[2]");
        CurvePoint<Fq> point = new JacobianPoint<Fq>(x, y, z).ToAffine();
        return Bn254Curve.IsInG1(point)
            ? point
            : throw new FormatException($"The G1 point {field} is not on the curve y^2 = x^3 + 3.");
    }

    public static CurvePoint<Fq2> ReadG2(JsonElement element, string field)
    {
        JsonElement[] coordinates = Array(element, field, 3);
        Fq2 x = ReadFq2(coordinates[0], field + "[0]");
        Fq2 y = ReadFq2(coordinates[1], field + "[1]");
        Fq2 z = ReadFq2(coordinates[2], field + "[2]");
        CurvePoint<Fq2> point = new JacobianPoint<Fq2>(x, y, z).ToAffine();
        return Bn254Curve.IsInG2(point)
            ? point
            : throw new FormatException($"The G2 point {field} is not on the twist or not in the subgroup of order r.");
    }

    public static Fr ReadSignal(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.String && Fr.TryParse(element.GetString(), out Fr value)
            ? value
            : throw new FormatException($"The public signal {field} must be a decimal string below r.");

    public static JsonElement[] Array(JsonElement element, string field, int length)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != length)
        {
            throw new FormatException($"The field {field} must be an array of {length} elements.");
        }

        return element.EnumerateArray().ToArray();
    }

    public static JsonElement Property(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out JsonElement value))
        {
            throw new FormatException($"The field {name} is missing.");
        }

        return value;
    }

    private static void ExpectString(JsonElement obj, string name, string expected)
    {
        if (obj.TryGetProperty(name, out JsonElement value) && !(value.ValueKind == JsonValueKind.String && value.GetString() == expected))
        {
            throw new FormatException($"The field {name} must be \"{expected}\".");
        }
    }

    private static Fq2 ReadFq2(JsonElement element, string field)
    {
        JsonElement[] parts = Array(element, field, 2);
        return new Fq2(ReadFq(parts[0], field + "[0]"), ReadFq(parts[1], field + "[1]"));
    }

    private static Fq ReadFq(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.String && IsDecimal(element.GetString()) && Fq.TryParse(element.GetString(), out Fq value)
            ? value
            : throw new FormatException($"The coordinate {field} must be a decimal string below the BN254 base field modulus.");

    private static bool IsDecimal(string? text) => !string.IsNullOrEmpty(text) && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
}
