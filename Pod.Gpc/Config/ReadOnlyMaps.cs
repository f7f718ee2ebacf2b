using System.Collections.ObjectModel;

namespace Pod.Gpc;

/// <summary>
/// Immutable copies of the name-keyed maps the GPC model holds. Insertion order is kept, as JavaScript
/// objects keep it: checks report the first broken rule in that order and the JSON of a proof config
/// round-trips in it. Canonicalization (binding) sorts.
/// </summary>
internal static class ReadOnlyMaps
{
    public static IReadOnlyDictionary<string, T> Copy<T>(IEnumerable<KeyValuePair<string, T>>? source, string paramName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(source, paramName);
        var copy = new OrderedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            ArgumentNullException.ThrowIfNull(key, paramName);
            if (value is null)
            {
                throw new ArgumentNullException(paramName, $"The {paramName} entry \"{key}\" is null.");
            }

            if (!copy.TryAdd(key, value))
            {
                throw new ArgumentException($"The {paramName} name \"{key}\" appears more than once.", paramName);
            }
        }

        return new ReadOnlyDictionary<string, T>(copy);
    }

    public static IReadOnlyList<T> CopyList<T>(IEnumerable<T>? source, string paramName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(source, paramName);
        T[] copy = source.ToArray();
        if (Array.IndexOf(copy, null) >= 0)
        {
            throw new ArgumentNullException(paramName, $"The {paramName} list holds null.");
        }

        return Array.AsReadOnly(copy);
    }
}
