using System.Text.Json.Nodes;

namespace Pod.Issuers.Tls.Providers;

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
