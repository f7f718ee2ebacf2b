namespace Pod.Gpc;

/// <summary>
/// A named tuple of entries (@pcd/gpc's GPCProofTupleConfig), compared as a whole against a membership
/// list of tuples. Tuples live in their own namespace, referred to internally as <c>$tuple.name</c>.
/// </summary>
public sealed class GpcProofTupleConfig
{
    private readonly IReadOnlyList<string> _entries = null!;

    /// <summary>The entry identifiers forming the tuple, in order (at least two; virtual entries allowed). The list is copied.</summary>
    /// <exception cref="ArgumentNullException">The list or one of its identifiers is null.</exception>
    public required IReadOnlyList<string> Entries
    {
        get => _entries;
        init => _entries = ReadOnlyMaps.CopyList(value, nameof(Entries));
    }

    /// <summary>The name of a list of tuples the tuple must be in.</summary>
    public string? IsMemberOf { get; init; }

    /// <summary>The name of a list of tuples the tuple must not be in.</summary>
    public string? IsNotMemberOf { get; init; }
}
