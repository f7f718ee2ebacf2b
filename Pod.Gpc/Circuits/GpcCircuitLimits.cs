namespace Pod.Gpc;

/// <summary>The size limits of a circuit (ProtoPODGPCCircuitParams), or their envelope over the family.</summary>
internal readonly record struct GpcCircuitLimits(
    int MaxObjects,
    int MaxEntries,
    int MerkleMaxDepth,
    int MaxNumericValues,
    int MaxEntryInequalities,
    int MaxLists,
    int MaxListElements,
    int MaxTuples,
    int TupleArity,
    bool IncludeOwnerV3,
    bool IncludeOwnerV4)
{
    /// <summary>The largest of each limit over the circuits: what no circuit exceeds.</summary>
    public static GpcCircuitLimits Envelope(IEnumerable<GpcCircuitLimits> limits) => limits.Aggregate((a, b) => new(
        Math.Max(a.MaxObjects, b.MaxObjects),
        Math.Max(a.MaxEntries, b.MaxEntries),
        Math.Max(a.MerkleMaxDepth, b.MerkleMaxDepth),
        Math.Max(a.MaxNumericValues, b.MaxNumericValues),
        Math.Max(a.MaxEntryInequalities, b.MaxEntryInequalities),
        Math.Max(a.MaxLists, b.MaxLists),
        Math.Max(a.MaxListElements, b.MaxListElements),
        Math.Max(a.MaxTuples, b.MaxTuples),
        Math.Max(a.TupleArity, b.TupleArity),
        a.IncludeOwnerV3 || b.IncludeOwnerV3,
        a.IncludeOwnerV4 || b.IncludeOwnerV4));
}
