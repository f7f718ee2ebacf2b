using System.Text.Json.Nodes;

namespace Pod.Issuers.Tls.Providers;

/// <summary>
/// The UID: either computed by the issuer from inputs (paths to strings or integers, normalized, under a provider class), or,
/// with <c>"source": "enclave"</c>, computed inside the attested enclave with its sealed key and carried in the signed payload.
/// </summary>
internal sealed record UidRule(string Class, JsonPath[] Inputs, TextStep[] Normalize, bool FromEnclave)
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
        TextStep[] normalize = [.. ProviderSpec.StringArray(obj, "normalize", path, required: false).Select(n => TextStep.Parse(n, $"{path}.normalize"))];
        return new UidRule(cls, paths, normalize, FromEnclave: false);
    }
}
