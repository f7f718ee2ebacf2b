
namespace Pod.Gpc;

/// <summary>
/// Where everything of a (checked, bound) config sits in a circuit (gpcCompile's prepCompilerMaps and
/// prepCompilerTupleMap). PODs are numbered in name order. Entries are numbered over all PODs, by POD
/// name then entry name; the virtual entries of POD i are numbered maxEntries + 2i ($contentID) and
/// maxEntries + 2i + 1 ($signerPublicKey); tuples follow all entries, each taking one or more
/// circuit tuples when chained.
/// </summary>
internal sealed class CompilerLayout
{
    private readonly Dictionary<string, EntrySlot> _byIdentifier = new(StringComparer.Ordinal);
    private readonly Dictionary<GpcIdentityProtocol, int> _firstOwner = [];

    /// <summary>Lays out a checked config for a circuit.</summary>
    /// <param name="circuit">The circuit it is bound to.</param>
    /// <param name="config">The checked config.</param>
    /// <param name="listChecks">Its (non-)membership checks, as its check found them (<see cref="GpcChecks.ListConfig"/>).</param>
    public CompilerLayout(GpcCircuitDescription circuit, GpcProofConfig config, IReadOnlyList<GpcChecks.ListCheck> listChecks)
    {
        Circuit = circuit;
        Config = config;
        ListChecks = listChecks.OrderBy(c => c.Identifier, StringComparer.Ordinal).ToArray();
        int entryIndex = 0;
        string[] podNames = config.Pods.Keys.Order(StringComparer.Ordinal).ToArray();
        Pods = podNames;
        for (int podIndex = 0; podIndex < podNames.Length; podIndex++)
        {
            string podName = podNames[podIndex];
            GpcProofObjectConfig podConfig = config.Pods[podName];
            Add(new EntrySlot(podName, podIndex, EntryIdentifiers.ContentId, circuit.MaxEntries + (2 * podIndex), podConfig.ContentId?.IsRevealed ?? false, podConfig.ContentId, null));
            Add(new EntrySlot(podName, podIndex, EntryIdentifiers.SignerPublicKey, circuit.MaxEntries + (2 * podIndex) + 1, podConfig.SignerPublicKey?.IsRevealed ?? true, podConfig.SignerPublicKey, null));
            foreach (string entryName in podConfig.Entries.Keys.Order(StringComparer.Ordinal))
            {
                GpcProofEntryConfig entryConfig = podConfig.Entries[entryName];
                Add(new EntrySlot(podName, podIndex, entryName, entryIndex++, entryConfig.IsRevealed, entryConfig, entryConfig));
            }
        }

        RealEntries = Entries.Where(e => !e.IsVirtual).ToArray();
        foreach (EntrySlot slot in RealEntries)
        {
            if (slot.EntryConfig?.IsOwnerId is { } protocol)
            {
                _firstOwner.TryAdd(protocol, slot.Index);
            }
        }

        Tuples = LayOutTuples();
    }

    public GpcCircuitDescription Circuit { get; }

    public GpcProofConfig Config { get; }

    /// <summary>The (non-)membership checks in identifier order, the order of the circuit's list slots.</summary>
    public IReadOnlyList<GpcChecks.ListCheck> ListChecks { get; }

    /// <summary>The POD names in circuit order.</summary>
    public IReadOnlyList<string> Pods { get; }

    /// <summary>All entries, virtual ones included, in the reference's map order: per POD, $contentID, $signerPublicKey, then its entries.</summary>
    public List<EntrySlot> Entries { get; } = [];

    /// <summary>The real entries in circuit order.</summary>
    public IReadOnlyList<EntrySlot> RealEntries { get; }

    /// <summary>The tuples by <c>$tuple.name</c>, in name order.</summary>
    public IReadOnlyList<TupleSlot> Tuples { get; }

    /// <summary>The index of the first owner entry of a protocol (the one the owner module checks), or null when there is none.</summary>
    public int? FirstOwner(GpcIdentityProtocol protocol) => _firstOwner.TryGetValue(protocol, out int index) ? index : null;

    /// <summary>The slot of an entry identifier the config proves (or a virtual entry of a POD it proves), or null.</summary>
    public EntrySlot? Find(string identifier) => _byIdentifier.GetValueOrDefault(identifier);

    private void Add(EntrySlot slot)
    {
        Entries.Add(slot);
        _byIdentifier.Add(slot.Identifier, slot);
    }

    /// <summary>
    /// Chains each tuple into circuit tuples of the circuit's arity (computeTupleIndices): the first holds
    /// the first arity entries, each next one the index of its predecessor and arity - 1 more entries;
    /// the last is padded with the tuple's first entry. A tuple's index is that of its last circuit tuple.
    /// </summary>
    private List<TupleSlot> LayOutTuples()
    {
        var tuples = new List<TupleSlot>();
        int next = Circuit.MaxEntries + Circuit.MaxVirtualEntries;
        int arity = Circuit.TupleArity;
        foreach (var (name, tuple) in (Config.Tuples ?? new Dictionary<string, GpcProofTupleConfig>()).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            int[] indices = tuple.Entries.Select(id => _byIdentifier[id].Index).ToArray();
            int first = next;
            var chunks = new List<int[]> { indices.Take(arity).ToArray() };
            for (int i = arity, link = first; i < indices.Length; i += arity - 1, link++)
            {
                chunks.Add([link, .. indices.Skip(i).Take(arity - 1)]);
            }

            chunks[^1] = [.. chunks[^1], .. Enumerable.Repeat(indices[0], arity - chunks[^1].Length)];
            next += chunks.Count;
            tuples.Add(new TupleSlot(EntryIdentifiers.TuplePrefix + name, next - 1, chunks, tuple.Entries));
        }

        return tuples;
    }

    /// <summary>One entry of the layout.</summary>
    internal sealed record EntrySlot(string PodName, int PodIndex, string EntryName, int Index, bool IsRevealed, IGpcEntryConfig? Config, GpcProofEntryConfig? EntryConfig)
    {
        public string Identifier => EntryIdentifiers.Make(PodName, EntryName);

        public bool IsVirtual => EntryIdentifiers.IsVirtualName(EntryName);
    }

    /// <summary>One tuple of the layout: its index (that of its last circuit tuple) and its circuit tuples.</summary>
    internal sealed record TupleSlot(string Identifier, int Index, IReadOnlyList<int[]> Chunks, IReadOnlyList<string> Members);
}
