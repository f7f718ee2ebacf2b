using System.Numerics;
using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Xunit;

namespace Pod.Tests.Support;

/// <summary>
/// Loads the known-answer vectors in Vectors/ (copied from ../shared/vectors/, produced by running the
/// JavaScript reference libraries; see Vectors/README.md), or from the directory POD_VECTORS_DIR names: the
/// tests must hold on any vector set of these schemas (tools/vector-perturb runs them on a perturbed copy).
/// </summary>
internal static class Vectors
{
    /// <summary>The trait every test class that reads the vectors carries, so they can be run alone.</summary>
    public const string Trait = "Vectors";

    private static readonly Dictionary<string, JsonObject> Cache = [];

    /// <summary>The directory the vectors are read from.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("POD_VECTORS_DIR") is { Length: > 0 } directory
            ? directory
            : Path.Combine(AppContext.BaseDirectory, "Vectors");

    public static JsonObject Load(string fileName)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(fileName, out JsonObject? root))
            {
                string path = Path.Combine(Directory, fileName);
                root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
                Cache[fileName] = root;
            }

            return root;
        }
    }

    /// <summary>
    /// Every item of an array section as an xunit theory row (its index). A test selects what it checks by the
    /// item's content, never by its position.
    /// </summary>
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

    /// <summary>
    /// The items of an array section whose content <paramref name="selects"/> as theory rows (their indices). When no
    /// item matches (a vector set without such cases), every item is a row, and the test, which checks the same
    /// predicate on its item, has nothing to check: xunit refuses a theory without rows.
    /// </summary>
    public static TheoryData<int> Where(string fileName, Func<JsonNode, bool> selects, params string[] path)
    {
        JsonArray section = Section(fileName, path);
        var matching = Enumerable.Range(0, section.Count).Where(i => selects(section[i]!)).ToList();
        var data = new TheoryData<int>();
        foreach (int i in matching.Count > 0 ? matching : Enumerable.Range(0, section.Count))
        {
            data.Add(i);
        }

        return data;
    }

    /// <summary>
    /// The one item <paramref name="selects"/> picks whose content sorts first by <paramref name="key"/> (then by its JSON
    /// text), as a theory row: for tests of machinery around a case, where any case of the kind serves. Which one does
    /// not depend on the order of the file. Without a match, every item is a row, as in <see cref="Where"/>.
    /// </summary>
    public static TheoryData<int> Least(string fileName, Func<JsonNode, bool> selects, Func<JsonNode, long> key, params string[] path)
    {
        JsonArray section = Section(fileName, path);
        var matching = Enumerable.Range(0, section.Count).Where(i => selects(section[i]!))
            .OrderBy(i => key(section[i]!)).ThenBy(i => section[i]!.ToJsonString(), StringComparer.Ordinal).Take(1).ToList();
        var data = new TheoryData<int>();
        foreach (int i in matching.Count > 0 ? matching : Enumerable.Range(0, section.Count))
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
