using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pod.Issuers.Tls.Providers;

/// <summary>A claim: the node at the path, coerced strictly to the entry's type.</summary>
/// <param name="Entry">The POD entry name.</param>
/// <param name="Path">Where the value is in the response.</param>
/// <param name="Type">The entry's type.</param>
/// <param name="Format">How a date is written; null for other types.</param>
/// <param name="Required">Whether a missing value refuses the issuance.</param>
/// <param name="Allowed">The values a string may take; empty for any.</param>
/// <param name="Transforms">The normalization steps applied to a string.</param>
/// <param name="Scale">The decimals a fixed-point value is scaled by.</param>
internal sealed record ClaimRule(string Entry, JsonPath Path, ClaimType Type, ClaimDateFormat? Format, bool Required, string[] Allowed,
    TextStep[] Transforms, int Scale)
{
    private const string IsoDateText = "yyyy-MM-dd";

    /// <summary>The format as the spec writes it, for messages.</summary>
    public string? FormatText => Format switch
    {
        null => null,
        ClaimDateFormat.IsoDate => IsoDateText,
        ClaimDateFormat.Iso8601 => "iso8601",
        ClaimDateFormat.UnixSeconds => "unix-seconds",
        ClaimDateFormat.UnixMilliseconds => "unix-milliseconds",
        _ => throw new System.Diagnostics.UnreachableException($"ClaimDateFormat has no value {Format}."),
    };

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
        string? formatText = ProviderSpec.OptionalString(obj, "format", path);
        ClaimDateFormat? format = null;
        if (type == ClaimType.Date)
        {
            format = (formatText ?? IsoDateText) switch
            {
                IsoDateText => ClaimDateFormat.IsoDate,
                "iso8601" => ClaimDateFormat.Iso8601,
                "unix-seconds" => ClaimDateFormat.UnixSeconds,
                "unix-milliseconds" => ClaimDateFormat.UnixMilliseconds,
                _ => throw new FormatException($"{path}.format must be yyyy-MM-dd, iso8601, unix-seconds or unix-milliseconds."),
            };
        }
        else if (formatText is not null)
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
        string[] transformTexts = obj["transform"] is JsonValue ? [ProviderSpec.RequiredString(obj, "transform", path)] : ProviderSpec.StringArray(obj, "transform", path, required: false);
        if ((allowed.Length > 0 || transformTexts.Length > 0) && type != ClaimType.String)
        {
            throw new FormatException($"{path}.allowed and {path}.transform apply to strings only.");
        }

        TextStep[] transforms = [.. transformTexts.Select(t => TextStep.Parse(t, $"{path}.transform"))];
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
