
namespace Pod.Gpc;

/// <summary>
/// A membership list of a proof's inputs and claims (one list of @pcd/gpc's PODMembershipLists): either
/// single values, compared with an entry, or tuples of values, compared with a tuple of entries.
/// Comparison is by value hash, so order and repeats do not matter.
/// </summary>
/// <remarks>
/// Built unchecked; the checks require a list to be non-empty and tuples to have one arity of at least 2.
/// </remarks>
public sealed class GpcMembershipList
{
    private GpcMembershipList(bool isTupleList, IReadOnlyList<IReadOnlyList<PodValue>> elements)
    {
        IsTupleList = isTupleList;
        Elements = elements;
    }

    /// <summary>True for a list of tuples, false for a list of single values.</summary>
    public bool IsTupleList { get; }

    /// <summary>The elements in order: each a single value (width 1) or a tuple.</summary>
    public IReadOnlyList<IReadOnlyList<PodValue>> Elements { get; }

    /// <summary>The number of elements.</summary>
    public int Count => Elements.Count;

    /// <summary>A list of single values.</summary>
    /// <exception cref="ArgumentNullException">The values or one of them is null.</exception>
    public static GpcMembershipList Of(IEnumerable<PodValue> values)
    {
        IReadOnlyList<PodValue> list = ReadOnlyMaps.CopyList(values, nameof(values));
        return new GpcMembershipList(false, list.Select(v => (IReadOnlyList<PodValue>)Array.AsReadOnly(new[] { v })).ToArray());
    }

    /// <summary>A list of tuples.</summary>
    /// <exception cref="ArgumentNullException">The tuples, a tuple or a value is null.</exception>
    public static GpcMembershipList OfTuples(IEnumerable<IEnumerable<PodValue>> tuples)
    {
        IReadOnlyList<IEnumerable<PodValue>> list = ReadOnlyMaps.CopyList(tuples, nameof(tuples));
        return new GpcMembershipList(true, list.Select(t => ReadOnlyMaps.CopyList(t, nameof(tuples))).ToArray());
    }
}
