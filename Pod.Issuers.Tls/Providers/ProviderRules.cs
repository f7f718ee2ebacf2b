using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pod.Issuers.Tls.Providers;

internal enum ClaimType
{
    String,
    Int,
    Boolean,
    Date,
    Fixed,
}

/// <summary>The notarized request a spec expects: method, an anchored URL pattern, accepted statuses.</summary>
internal sealed record RequestRule(string Method, Regex Url, int[] Status)
{
    public static RequestRule Parse(JsonObject obj, string path)
    {
        ProviderSpec.RejectUnknown(obj, path, ["method", "url", "status"]);
        string method = ProviderSpec.RequiredString(obj, "method", path);
        if (method is not ("GET" or "POST"))
        {
            throw new FormatException($"{path}.method must be GET or POST.");
        }

        string url = ProviderSpec.RequiredString(obj, "url", path);
        if (!url.StartsWith('^') || !url.EndsWith('$') || !url.StartsWith("^https://", StringComparison.Ordinal))
        {
            throw new FormatException($"{path}.url must be an anchored pattern (^...$) for an https URL.");
        }

        Regex regex;
        try
        {
            regex = new Regex(url, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{path}.url is not a valid regular expression.", e);
        }

        if (obj["status"] is not JsonArray statuses || statuses.Count == 0)
        {
            throw new FormatException($"{path}.status must be a non-empty array of HTTP status codes.");
        }

        int[] status = statuses.Select((n, i) => n is not null && n.GetValueKind() == JsonValueKind.Number && n.AsValue().TryGetValue(out int s) && s is >= 100 and <= 599
            ? s
            : throw new FormatException($"{path}.status[{i}] must be an HTTP status code.")).ToArray();
        return new RequestRule(method, regex, status);
    }
}

/// <summary>An acceptance rule: the node at the path equals the given JSON value or one of a list.</summary>
internal sealed record AcceptRule(JsonPath Path, JsonNode[] Values)
{
    public static AcceptRule Parse(JsonObject obj, string path)
    {
        ProviderSpec.RejectUnknown(obj, path, ["path", "equals", "in"]);
        JsonPath jsonPath = ProviderSpec.PathOf(obj, "path", path);
        JsonNode[] values = (obj["equals"], obj["in"]) switch
        {
            (JsonValue v, null) => [v.DeepClone()],
            (null, JsonArray a) when a.Count > 0 && a.All(n => n is JsonValue) => a.Select(n => n!.DeepClone()).ToArray(),
            _ => throw new FormatException($"{path} needs either \"equals\" with a scalar or \"in\" with a non-empty array of scalars."),
        };
        return new AcceptRule(jsonPath, values);
    }

    public bool Accepts(JsonNode response) =>
        Path.TryEvaluate(response, out JsonNode node) && Values.Any(v => JsonNode.DeepEquals(v, node));
}

/// <summary>A claim: the node at the path, coerced strictly to the entry's type.</summary>
internal sealed record ClaimRule(string Entry, JsonPath Path, ClaimType Type, string? Format, bool Required, string[] Allowed,
    string[] Transforms, int Scale)
{
    public static ClaimRule Parse(JsonObject obj, string path)
    {
        ProviderSpec.RejectUnknown(obj, path, ["entry", "path", "type", "format", "required", "allowed", "transform", "scale"]);
        string entry = ProviderSpec.RequiredString(obj, "entry", path);
        JsonPath jsonPath = ProviderSpec.PathOf(obj, "path", path);
        ClaimType type = ProviderSpec.RequiredString(obj, "type", path) switch
        {
            "string" => ClaimType.String,
            "int" => ClaimType.Int,
            "boolean" => ClaimType.Boolean,
            "date" => ClaimType.Date,
            "fixed" => ClaimType.Fixed,
            _ => throw new FormatException($"{path}.type must be string, int, boolean, date or fixed."),
        };
        string? format = ProviderSpec.OptionalString(obj, "format", path);
        if (type == ClaimType.Date)
        {
            format ??= "yyyy-MM-dd";
            if (format is not ("yyyy-MM-dd" or "unix-seconds" or "unix-milliseconds" or "iso8601"))
            {
                throw new FormatException($"{path}.format must be yyyy-MM-dd, iso8601, unix-seconds or unix-milliseconds.");
            }
        }
        else if (format is not null)
        {
            throw new FormatException($"{path}.format applies to dates only.");
        }

        bool required = obj["required"] switch
        {
            null => false,
            JsonNode n when n.GetValueKind() is JsonValueKind.True or JsonValueKind.False => n.GetValue<bool>(),
            _ => throw new FormatException($"{path}.required must be a boolean."),
        };
        string[] allowed = ProviderSpec.StringArray(obj, "allowed", path, required: false);
        string[] transforms = obj["transform"] is JsonValue ? [ProviderSpec.RequiredString(obj, "transform", path)] : ProviderSpec.StringArray(obj, "transform", path, required: false);
        if ((allowed.Length > 0 || transforms.Length > 0) && type != ClaimType.String)
        {
            throw new FormatException($"{path}.allowed and {path}.transform apply to strings only.");
        }

        foreach (string t in transforms)
        {
            TextNormalization.Check(t, $"{path}.transform");
        }

        int scale = 0;
        if (obj["scale"] is JsonNode s)
        {
            scale = type == ClaimType.Fixed && s.GetValueKind() == JsonValueKind.Number && s.AsValue().TryGetValue(out int sc) && sc is >= 0 and <= 18
                ? sc
                : throw new FormatException($"{path}.scale applies to fixed claims and must be an integer from 0 to 18.");
        }

        return new ClaimRule(entry, jsonPath, type, format, required, allowed, transforms, scale);
    }
}

/// <summary>
/// The UID: either computed by the issuer from inputs (paths to strings or integers, normalized, under a provider class), or,
/// with <c>"source": "enclave"</c>, computed inside the attested enclave with its sealed key and carried in the signed payload.
/// </summary>
internal sealed record UidRule(string Class, JsonPath[] Inputs, string[] Normalize, bool FromEnclave)
{
    public static UidRule Parse(JsonObject obj, string path, string specId)
    {
        ProviderSpec.RejectUnknown(obj, path, ["class", "inputs", "normalize", "source"]);
        string cls = ProviderSpec.OptionalString(obj, "class", path) ?? specId;
        if (cls.Length is 0 or > 128 || cls.Contains('\0', StringComparison.Ordinal) || !cls.All(c => c >= ' ' && c < 0x7F))
        {
            throw new FormatException($"{path}.class must be 1 to 128 printable ASCII characters.");
        }

        bool fromEnclave = (ProviderSpec.OptionalString(obj, "source", path) ?? "issuer") switch
        {
            "issuer" => false,
            "enclave" => true,
            _ => throw new FormatException($"{path}.source must be issuer or enclave."),
        };
        if (fromEnclave)
        {
            if (obj.ContainsKey("inputs") || obj.ContainsKey("normalize"))
            {
                throw new FormatException($"{path}: an enclave-computed UID takes no inputs or normalize steps.");
            }

            return new UidRule(cls, [], [], FromEnclave: true);
        }

        string[] inputs = ProviderSpec.StringArray(obj, "inputs", path, required: true);
        if (inputs.Length is 0 or > 8)
        {
            throw new FormatException($"{path}.inputs must list 1 to 8 paths.");
        }

        JsonPath[] paths = inputs.Select((p, i) =>
        {
            try
            {
                return JsonPath.Parse(p);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{path}.inputs[{i}]: {e.Message}", e);
            }
        }).ToArray();
        string[] normalize = ProviderSpec.StringArray(obj, "normalize", path, required: false);
        foreach (string n in normalize)
        {
            TextNormalization.Check(n, $"{path}.normalize");
        }

        return new UidRule(cls, paths, normalize, FromEnclave: false);
    }
}

/// <summary>A derived boolean entry: whether a date claim lies at least N years before the issuance date.</summary>
internal sealed record DerivedRule(string Entry, string From, int Years)
{
    public static DerivedRule Parse(JsonObject obj, string path)
    {
        ProviderSpec.RejectUnknown(obj, path, ["entry", "op", "from", "years"]);
        string entry = ProviderSpec.RequiredString(obj, "entry", path);
        if (ProviderSpec.RequiredString(obj, "op", path) != "ageAtLeast")
        {
            throw new FormatException($"{path}.op must be ageAtLeast.");
        }

        string from = ProviderSpec.RequiredString(obj, "from", path);
        int years = obj["years"] is JsonNode y && y.GetValueKind() == JsonValueKind.Number && y.AsValue().TryGetValue(out int v) && v is >= 1 and <= 150
            ? v
            : throw new FormatException($"{path}.years must be an integer from 1 to 150.");
        return new DerivedRule(entry, from, years);
    }
}

/// <summary>String normalization steps: nfc, nfkc, trim, upper, lower, strip:&lt;characters&gt;.</summary>
internal static class TextNormalization
{
    public static void Check(string step, string path)
    {
        if (step is not ("nfc" or "nfkc" or "trim" or "upper" or "lower") && !(step.StartsWith("strip:", StringComparison.Ordinal) && step.Length > 6))
        {
            throw new FormatException($"{path} has an unknown step; use nfc, nfkc, trim, upper, lower or strip:<characters>.");
        }
    }

    public static string Apply(string text, IEnumerable<string> steps)
    {
        foreach (string step in steps)
        {
            text = step switch
            {
                "nfc" => text.Normalize(NormalizationForm.FormC),
                "nfkc" => text.Normalize(NormalizationForm.FormKC),
                "trim" => text.Trim(),
                "upper" => text.ToUpperInvariant(),
                "lower" => text.ToLowerInvariant(),
                _ => string.Concat(text.Where(c => !step.AsSpan(6).Contains(c))),
            };
        }

        return text;
    }
}

/// <summary>Canonical JSON: object members sorted by ordinal name, no whitespace, values as System.Text.Json writes them.</summary>
internal static class CanonicalJson
{
    public static byte[] Serialize(JsonNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, node);
        }

        return stream.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (KeyValuePair<string, JsonNode?> p in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(p.Key);
                    Write(writer, p.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (JsonNode? item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}

/// <summary>Strict coercions of JSON nodes to POD values.</summary>
internal static class Coerce
{
    public static bool TryInt64(JsonNode node, out long value)
    {
        value = 0;
        return node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue(out JsonElement e) && e.TryGetInt64(out value);
    }

    public static bool TryFixed(JsonNode node, int scale, out long value)
    {
        value = 0;
        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue(out JsonElement e)
            || !decimal.TryParse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d))
        {
            return false;
        }

        decimal scaled;
        try
        {
            scaled = d * Pow10(scale);
        }
        catch (OverflowException)
        {
            return false;
        }

        if (scaled != decimal.Truncate(scaled) || scaled < long.MinValue || scaled > long.MaxValue)
        {
            return false;
        }

        value = (long)scaled;
        return true;
    }

    public static bool TryDateMilliseconds(JsonNode node, string format, out long milliseconds)
    {
        milliseconds = 0;
        if (format is "unix-seconds" or "unix-milliseconds")
        {
            if (!TryInt64(node, out long n))
            {
                return false;
            }

            long ms;
            try
            {
                ms = format == "unix-seconds" ? checked(n * 1000) : n;
            }
            catch (OverflowException)
            {
                return false;
            }

            milliseconds = ms;
            return ms is >= Pod.PodValue.DateMinMilliseconds and <= Pod.PodValue.DateMaxMilliseconds;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        string text = node.GetValue<string>();
        DateTimeStyles styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        bool ok = format == "yyyy-MM-dd"
            ? DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out DateTimeOffset date)
            : DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, styles, out date);
        milliseconds = ok ? date.ToUnixTimeMilliseconds() : 0;
        return ok;
    }

    private static decimal Pow10(int scale)
    {
        decimal p = 1;
        for (int i = 0; i < scale; i++)
        {
            p *= 10;
        }

        return p;
    }
}
