using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace Pod.Tests.Support;

/// <summary>Builds PodValues from the vectors' typed-value form {type, value}.</summary>
internal static class TypedValues
{
    public static PodValue From(JsonNode node)
    {
        string type = node.Str("type");
        JsonNode? value = node["value"];
        return type switch
        {
            "string" => PodValue.String(value!.GetValue<string>()),
            "bytes" => PodValue.Bytes(Convert.FromHexString(value!.GetValue<string>())),
            "int" => PodValue.Int(long.Parse(value!.GetValue<string>(), CultureInfo.InvariantCulture)),
            "cryptographic" => PodValue.Cryptographic(BigInteger.Parse(value!.GetValue<string>(), CultureInfo.InvariantCulture)),
            "boolean" => PodValue.Boolean(value!.GetValue<bool>()),
            "eddsa_pubkey" => PodValue.EdDsaPublicKey(value!.GetValue<string>()),
            "date" => PodValue.Date(long.Parse(value!.GetValue<string>(), CultureInfo.InvariantCulture)),
            "null" => PodValue.Null,
            _ => throw new InvalidOperationException($"Unknown vector type {type}."),
        };
    }

    public static PodEntries Entries(JsonNode entriesArray) =>
        PodEntries.Create(entriesArray.AsArray().Select(e => new KeyValuePair<string, PodValue>(e!.Str("name"), From(e!))));
}
