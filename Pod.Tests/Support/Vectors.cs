using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Xunit;

namespace Pod.Tests.Support;

/// <summary>
/// Loads the known-answer vectors in Vectors/ (copied from ../shared/vectors/, produced by running the
/// JavaScript reference libraries; see Vectors/README.md).
/// </summary>
internal static class Vectors
{
    private static readonly Dictionary<string, JsonObject> Cache = [];

    public static JsonObject Load(string fileName)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(fileName, out JsonObject? root))
            {
                string path = Path.Combine(AppContext.BaseDirectory, "Vectors", fileName);
                root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
                Cache[fileName] = root;
            }

            return root;
        }
    }

    /// <summary>The items of an array section as xunit theory rows (index, item).</summary>
    public static TheoryData<int> Indices(string fileName, params string[] path)
    {
        var data = new TheoryData<int>();
        int count = Section(fileName, path).Count;
        for (int i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static JsonArray Section(string fileName, params string[] path)
    {
        JsonNode node = Load(fileName);
        foreach (string key in path)
        {
            node = node[key]!;
        }

        return node.AsArray();
    }

    public static JsonNode Item(string fileName, int index, params string[] path) => Section(fileName, path)[index]!;

    public static string Str(this JsonNode node, string key) => node[key]!.GetValue<string>();

    public static BigInteger Big(this JsonNode node, string key) => BigInteger.Parse(node.Str(key), System.Globalization.CultureInfo.InvariantCulture);

    public static Fr Field(this JsonNode node, string key) => Fr.Parse(node.Str(key));

    public static byte[] Hex(this JsonNode node, string key) => Convert.FromHexString(node.Str(key));
}
