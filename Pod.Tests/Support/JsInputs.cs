using System.Text.Json.Nodes;

namespace Pod.Tests.Support;

/// <summary>The vectors' tagged JavaScript inputs ({type, value: {jsType, value}}) as the JSON a POD value would have.</summary>
internal static class JsInputs
{
    /// <summary>{"type": value}, with a bigint as its decimal string, a Date as its ISO text (null when invalid).</summary>
    public static string ValueJson(JsonNode input)
    {
        string type = input["type"] is JsonValue t && t.TryGetValue(out string? name) ? name : "undefined";
        return new JsonObject { [type] = Value(input["value"]) }.ToJsonString();
    }

    /// <summary>One tagged JavaScript value as JSON.</summary>
    public static JsonNode? Value(JsonNode? tagged) => tagged?["jsType"]?.GetValue<string>() switch
    {
        null => null,
        "bigint" => JsonValue.Create(tagged.Str("value")),
        "Date" => tagged["iso"] is JsonValue iso ? JsonValue.Create(iso.GetValue<string>()) : null,
        "undefined" => null,
        _ => tagged["value"]?.DeepClone(),
    };
}
