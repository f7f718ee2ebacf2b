using System.Globalization;
using System.Text.Json.Nodes;

namespace Pod.Issuers.Tls.Providers;

/// <summary>
/// A restricted JSONPath over <see cref="JsonNode"/>: an optional <c>$</c>, then member names (<c>.name</c> or
/// <c>['name']</c>) and array indices (<c>[0]</c>, also zkPortal's <c>.[0]</c>). No wildcards, filters, slices or
/// script: each path names at most one node. Member names are ASCII letters, digits, <c>_</c> and <c>-</c>.
/// </summary>
internal sealed class JsonPath
{
    private const int MaxSegments = 32;
    private readonly object[] _segments; // string (member) or int (index)

    private JsonPath(string text, object[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    /// <exception cref="FormatException">The text is not a path of the restricted language.</exception>
    public static JsonPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<object>();
        int i = 0;
        if (text.StartsWith('$'))
        {
            i = 1;
        }
        else if (text.Length > 0 && IsNameChar(text[0]))
        {
            i = ReadName(text, 0, segments);
        }

        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                i++;
                if (i < text.Length && text[i] == '[')
                {
                    continue; // zkPortal's "a.[0]"
                }

                i = ReadName(text, i, segments);
            }
            else if (text[i] == '[')
            {
                int close = text.IndexOf(']', i);
                if (close < 0)
                {
                    throw Bad(text, "an unclosed '['");
                }

                string inner = text[(i + 1)..close];
                if (inner.Length >= 2 && inner[0] == '\'' && inner[^1] == '\'')
                {
                    string name = inner[1..^1];
                    if (name.Length == 0 || !name.All(IsNameChar))
                    {
                        throw Bad(text, "a quoted member name outside [A-Za-z0-9_-]");
                    }

                    segments.Add(name);
                }
                else if (inner.Length is > 0 and <= 6 && inner.All(char.IsAsciiDigit) && (inner.Length == 1 || inner[0] != '0'))
                {
                    segments.Add(int.Parse(inner, NumberStyles.None, CultureInfo.InvariantCulture));
                }
                else
                {
                    throw Bad(text, "an index that is not a non-negative decimal integer below 1000000");
                }

                i = close + 1;
            }
            else
            {
                throw Bad(text, $"an unexpected character at offset {i}");
            }

            if (segments.Count > MaxSegments)
            {
                throw Bad(text, $"more than {MaxSegments} segments");
            }
        }

        if (segments.Count == 0)
        {
            throw Bad(text, "no segment");
        }

        return new JsonPath(text, [.. segments]);
    }

    /// <summary>The node the path names, or false when a member or index is absent (or the node is JSON null).</summary>
    public bool TryEvaluate(JsonNode? root, out JsonNode node)
    {
        JsonNode? current = root;
        foreach (object segment in _segments)
        {
            current = (segment, current) switch
            {
                (string name, JsonObject obj) => obj.TryGetPropertyValue(name, out JsonNode? child) ? child : null,
                (int index, JsonArray array) => index < array.Count ? array[index] : null,
                _ => null,
            };
            if (current is null)
            {
                node = null!;
                return false;
            }
        }

        node = current!;
        return current is not null;
    }

    public override string ToString() => Text;

    private static int ReadName(string text, int start, List<object> segments)
    {
        int end = start;
        while (end < text.Length && IsNameChar(text[end]))
        {
            end++;
        }

        if (end == start)
        {
            throw Bad(text, $"an empty member name at offset {start}");
        }

        segments.Add(text[start..end]);
        return end;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static FormatException Bad(string text, string what) =>
        new($"The path \"{(text.Length > 80 ? text[..80] : text)}\" has {what}; only $, .name, ['name'] and [index] are allowed.");
}
