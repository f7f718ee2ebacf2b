
namespace Pod.Gpc;

/// <summary>
/// One circuit of the proto-pod-gpc family (@pcd/gpcircuits' ProtoPODGPCCircuitDesc): its size limits,
/// its cost in constraints, and the pinned files of its compiled artifacts.
/// </summary>
public sealed class GpcCircuitDescription
{
    internal GpcCircuitDescription(
        int cost,
        int maxObjects,
        int maxEntries,
        int merkleMaxDepth,
        int maxNumericValues,
        int maxEntryInequalities,
        int maxLists,
        int maxListElements,
        int maxTuples,
        int tupleArity,
        bool includeOwnerV3,
        bool includeOwnerV4,
        (string Sha256, long Size) wasm,
        (string Sha256, long Size) provingKey,
        (string Sha256, long Size) verificationKey)
    {
        Cost = cost;
        MaxObjects = maxObjects;
        MaxEntries = maxEntries;
        MerkleMaxDepth = merkleMaxDepth;
        MaxNumericValues = maxNumericValues;
        MaxEntryInequalities = maxEntryInequalities;
        MaxLists = maxLists;
        MaxListElements = maxListElements;
        MaxTuples = maxTuples;
        TupleArity = tupleArity;
        IncludeOwnerV3 = includeOwnerV3;
        IncludeOwnerV4 = includeOwnerV4;
        Name = $"{maxObjects}o-{maxEntries}e-{merkleMaxDepth}md-{maxNumericValues}nv-{maxEntryInequalities}ei-"
            + $"{maxLists}x{maxListElements}l-{maxTuples}x{tupleArity}t-{(includeOwnerV3 ? 1 : 0)}ov3-{(includeOwnerV4 ? 1 : 0)}ov4";
        Identifier = $"{Family}_{Name}";
        Wasm = new GpcArtifactFile($"{Identifier}.wasm", wasm.Sha256, wasm.Size);
        ProvingKey = new GpcArtifactFile($"{Identifier}-pkey.zkey", provingKey.Sha256, provingKey.Size);
        VerificationKey = new GpcArtifactFile($"{Identifier}-vkey.json", verificationKey.Sha256, verificationKey.Size);
    }

    /// <summary>The family name, <c>proto-pod-gpc</c>.</summary>
    public string Family => GpcCircuitFamily.FamilyName;

    /// <summary>The circuit name, its parameters: <c>{objects}o-{entries}e-{depth}md-{numeric}nv-{inequalities}ei-{lists}x{elements}l-{tuples}x{arity}t-{v3}ov3-{v4}ov4</c>.</summary>
    public string Name { get; }

    /// <summary>The circuit identifier, <c>family_name</c>, as bound configs carry it.</summary>
    public string Identifier { get; }

    /// <summary>The number of constraints; the family is searched in increasing cost.</summary>
    public int Cost { get; }

    /// <summary>The number of PODs.</summary>
    public int MaxObjects { get; }

    /// <summary>The number of (non-virtual) entries over all PODs.</summary>
    public int MaxEntries { get; }

    /// <summary>The largest POD Merkle tree depth.</summary>
    public int MerkleMaxDepth { get; }

    /// <summary>The number of bounds checks (an entry with inRange and notInRange takes two).</summary>
    public int MaxNumericValues { get; }

    /// <summary>The number of entry inequalities (lessThan and the like).</summary>
    public int MaxEntryInequalities { get; }

    /// <summary>The number of list (non-)membership checks.</summary>
    public int MaxLists { get; }

    /// <summary>The number of elements of each list.</summary>
    public int MaxListElements { get; }

    /// <summary>The number of tuples of arity <see cref="TupleArity"/> (longer tuples are chained).</summary>
    public int MaxTuples { get; }

    /// <summary>The arity of the circuit's tuples (0 when it has none).</summary>
    public int TupleArity { get; }

    /// <summary>Whether the circuit has a Semaphore V3 owner module.</summary>
    public bool IncludeOwnerV3 { get; }

    /// <summary>Whether the circuit has a Semaphore V4 owner module.</summary>
    public bool IncludeOwnerV4 { get; }

    /// <summary>The limits as one value.</summary>
    internal GpcCircuitLimits Limits => new(
        MaxObjects, MaxEntries, MerkleMaxDepth, MaxNumericValues, MaxEntryInequalities, MaxLists, MaxListElements, MaxTuples, TupleArity, IncludeOwnerV3, IncludeOwnerV4);

    /// <summary>The number of virtual entries, two per POD ($contentID, $signerPublicKey).</summary>
    public int MaxVirtualEntries => 2 * MaxObjects;

    /// <summary>The number of public signals (outputs then public inputs), the key's nPublic.</summary>
    public int PublicSignalCount =>
        MaxEntries + MaxVirtualEntries + (IncludeOwnerV3 ? 1 : 0) + (IncludeOwnerV4 ? 1 : 0) // outputs
        + (2 * MaxEntries) + 2 + (MaxEntries + MaxVirtualEntries) + 1 + 1 // entries, virtual entries, equality, external nullifier
        + (IncludeOwnerV3 ? 2 : 0) + (IncludeOwnerV4 ? 2 : 0)
        + (3 * MaxNumericValues) + 1
        + (2 * MaxEntryInequalities) + 1
        + (MaxTuples * TupleArity)
        + MaxLists + 1 + (MaxLists * MaxListElements)
        + 2; // uniqueness, watermark

    /// <summary>The circuit's wasm witness generator.</summary>
    public GpcArtifactFile Wasm { get; }

    /// <summary>The circuit's Groth16 proving key (<c>-pkey.zkey</c>).</summary>
    public GpcArtifactFile ProvingKey { get; }

    /// <summary>The circuit's Groth16 verification key (<c>-vkey.json</c>).</summary>
    public GpcArtifactFile VerificationKey { get; }

    /// <summary>The circuit identifier.</summary>
    public override string ToString() => Identifier;
}
