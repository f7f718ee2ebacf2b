using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pod.Gpc;
using Pod.Identity;
using Pod.Serialization;
using Xunit;

namespace Pod.Tests.Support;

/// <summary>Builds GPC arguments from the JSON of gpc-compile.json and compares signals with it.</summary>
internal static class GpcVectorInputs
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A vector node as compact JSON text, as JSON.stringify writes it (the vectors are ASCII).</summary>
    public static string Text(JsonNode node) => node.ToJsonString(Compact);

    public static GpcProofInputs Inputs(JsonNode inputs)
    {
        var pods = inputs["pods"]!.AsObject().ToDictionary(p => p.Key, p => PodJson.Parse(Text(p.Value!)));
        GpcProofOwnerInputs? owner = null;
        if (inputs["owner"] is JsonObject ownerNode)
        {
            owner = new GpcProofOwnerInputs
            {
                SemaphoreV3 = ownerNode["semaphoreV3"] is { } v3 ? V3(v3) : null,
                SemaphoreV4 = ownerNode["semaphoreV4"] is { } v4 ? SemaphoreIdentity.FromPrivateKey(v4.Hex("privateKeyHex")) : null,
                ExternalNullifier = ownerNode.ContainsKey("externalNullifier") ? Value(ownerNode["externalNullifier"]) : null,
            };
        }

        return new GpcProofInputs
        {
            Pods = pods,
            Owner = owner,
            MembershipLists = inputs["membershipLists"] is { } lists ? GpcJson.ParseMembershipLists(Text(lists)) : null,
            Watermark = inputs.AsObject().ContainsKey("watermark") ? Value(inputs["watermark"]) : null,
        };
    }

    public static SemaphoreV3Identity V3(JsonNode node) => SemaphoreV3Identity.Create(node.Field("trapdoor"), node.Field("nullifier"));

    /// <summary>A POD value in its JSON form (JSON null is the null value).</summary>
    public static PodValue Value(JsonNode? node) => PodJson.ParseValue(node is null ? "null" : Text(node));

    /// <summary>Asserts that every signal, in order, has the vector's name and values (numbers, arrays or arrays of arrays).</summary>
    public static void AssertSignals(JsonNode expected, GpcCircuitSignals actual)
    {
        var names = expected.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(names, actual.Select(s => s.Name));
        foreach (var (name, node) in expected.AsObject())
        {
            GpcCircuitSignal signal = actual[name];
            switch (node)
            {
                case JsonValue value:
                    Assert.Empty(signal.Shape);
                    Assert.Equal(value.GetValue<string>(), Single(signal).ToString(CultureInfo.InvariantCulture));
                    break;
                case JsonArray array when array.Count > 0 && array[0] is JsonArray:
                    Assert.Equal(2, signal.Shape.Count);
                    Assert.Equal(array.Count, signal.Shape[0]);
                    Assert.Equal(array.SelectMany(r => r!.AsArray().Select(v => v!.GetValue<string>())), Strings(signal));
                    break;
                case JsonArray array:
                    Assert.Equal(array.Count, signal.Shape.Count == 2 ? signal.Shape[0] : signal.Values.Count);
                    Assert.Equal(array.Select(v => v!.GetValue<string>()), Strings(signal));
                    break;
            }
        }
    }

    public static IEnumerable<string> Strings(GpcCircuitSignal signal) => signal.Values.Select(v => v.ToString(CultureInfo.InvariantCulture));

    public static IEnumerable<string> Strings(IEnumerable<BigInteger> values) => values.Select(v => v.ToString(CultureInfo.InvariantCulture));

    private static BigInteger Single(GpcCircuitSignal signal) => Assert.Single(signal.Values);
}
