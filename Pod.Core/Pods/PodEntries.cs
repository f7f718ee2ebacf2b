using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Pod;

/// <summary>
/// The validated, immutable entries of a POD: at least one, each with a valid name and a value, sorted
/// by name in ordinal (UTF-16 code unit) order as @pcd/pod sorts them.
/// </summary>
public sealed class PodEntries : IReadOnlyDictionary<string, PodValue>
{
    private readonly string[] _names;
    private readonly PodValue[] _values;

    private PodEntries(string[] names, PodValue[] values)
    {
        _names = names;
        _values = values;
    }

    /// <summary>The number of entries.</summary>
    public int Count => _names.Length;

    /// <summary>The names in sorted order.</summary>
    public IEnumerable<string> Keys => _names;

    /// <summary>The values in name order.</summary>
    public IEnumerable<PodValue> Values => _values;

    /// <summary>The value of the entry with this name.</summary>
    /// <exception cref="KeyNotFoundException">There is no such entry.</exception>
    public PodValue this[string key] => TryGetValue(key, out PodValue? value)
        ? value
        : throw new KeyNotFoundException($"The POD has no entry named {PodNames.Describe(key)}.");

    /// <summary>Validates and sorts entries given in any order.</summary>
    /// <exception cref="ArgumentNullException">The entries, a name or a value is null.</exception>
    /// <exception cref="ArgumentException">There are no entries, a name is invalid, or a name repeats.</exception>
    public static PodEntries Create(IEnumerable<KeyValuePair<string, PodValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = new List<KeyValuePair<string, PodValue>>(entries);
        if (list.Count == 0)
        {
            throw new ArgumentException("A POD needs at least one entry: its content ID is the Merkle root of the entries.", nameof(entries));
        }

        foreach (var (name, value) in list)
        {
            PodNames.Check(name, nameof(entries));
            if (value is null)
            {
                throw new ArgumentNullException(nameof(entries), $"The POD entry {PodNames.Describe(name)} has no value; use PodValue.Null for null.");
            }
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        for (int i = 1; i < list.Count; i++)
        {
            if (string.Equals(list[i].Key, list[i - 1].Key, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The POD entry name {PodNames.Describe(list[i].Key)} appears more than once.", nameof(entries));
            }
        }

        return new PodEntries(list.Select(e => e.Key).ToArray(), list.Select(e => e.Value).ToArray());
    }

    /// <summary>The position of the entry in name order, or -1.</summary>
    public int IndexOf(string name) => Array.BinarySearch(_names, name, StringComparer.Ordinal) is var i and >= 0 ? i : -1;

    /// <summary>The name at a position in name order.</summary>
    public string NameAt(int index) => _names[index];

    /// <summary>The value at a position in name order.</summary>
    public PodValue ValueAt(int index) => _values[index];

    /// <inheritdoc/>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out PodValue value)
    {
        int index = key is null ? -1 : IndexOf(key);
        value = index >= 0 ? _values[index] : null;
        return index >= 0;
    }

    /// <summary>The entries in name order.</summary>
    public IEnumerator<KeyValuePair<string, PodValue>> GetEnumerator()
    {
        for (int i = 0; i < _names.Length; i++)
        {
            yield return new KeyValuePair<string, PodValue>(_names[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
