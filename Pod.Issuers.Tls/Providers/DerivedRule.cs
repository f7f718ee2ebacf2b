using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pod.Issuers.Tls.Providers;

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
