using System.Globalization;
using System.Text;

namespace Pod.Gpc;

/// <summary>
/// The size a circuit must have for a config, its inputs or claims (@pcd/gpc's GPCRequirements); every
/// circuit limit must be at least the required value, and owner modules present when required. Built by
/// name: <see cref="None"/> <c>with { ... }</c> for a config, <see cref="ForInputs"/> and <see cref="ForClaims"/>
/// for what inputs and claims ask on their own.
/// </summary>
internal sealed record GpcRequirements
{
    /// <summary>Nothing required: the start of every requirement.</summary>
    public static readonly GpcRequirements None = new();

    private GpcRequirements()
    {
    }

    public int NObjects { get; init; }

    public int NEntries { get; init; }

    public int MerkleMaxDepth { get; init; }

    public int NNumericValues { get; init; }

    public int NEntryInequalities { get; init; }

    public int NLists { get; init; }

    public int MaxListSize { get; init; }

    /// <summary>The tuples by name with their arities.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> TupleArities { get; init; } = [];

    public bool IncludeOwnerV3 { get; init; }

    public bool IncludeOwnerV4 { get; init; }

    /// <summary>What proof inputs ask on their own (checkProofInputs): as the reference does, as many entries as PODs.</summary>
    public static GpcRequirements ForInputs(int pods, int merkleDepth, int maxListSize) =>
        None with { NObjects = pods, NEntries = pods, MerkleMaxDepth = merkleDepth, MaxListSize = maxListSize };

    /// <summary>What revealed claims ask on their own (checkRevealedClaims).</summary>
    public static GpcRequirements ForClaims(int pods, int entries, int merkleDepth, int maxListSize) =>
        None with { NObjects = pods, NEntries = entries, MerkleMaxDepth = merkleDepth, MaxListSize = maxListSize };

    /// <summary>The larger of each requirement (mergeRequirements); only one side may name tuples.</summary>
    public GpcRequirements Merge(GpcRequirements other) => new()
    {
        NObjects = Math.Max(NObjects, other.NObjects),
        NEntries = Math.Max(NEntries, other.NEntries),
        MerkleMaxDepth = Math.Max(MerkleMaxDepth, other.MerkleMaxDepth),
        NNumericValues = Math.Max(NNumericValues, other.NNumericValues),
        NEntryInequalities = Math.Max(NEntryInequalities, other.NEntryInequalities),
        NLists = Math.Max(NLists, other.NLists),
        MaxListSize = Math.Max(MaxListSize, other.MaxListSize),
        TupleArities = TupleArities.Count == 0 ? other.TupleArities : TupleArities,
        IncludeOwnerV3 = IncludeOwnerV3 || other.IncludeOwnerV3,
        IncludeOwnerV4 = IncludeOwnerV4 || other.IncludeOwnerV4,
    };

    /// <summary>
    /// The number of circuit tuples of arity <paramref name="circuitArity"/> a tuple of
    /// <paramref name="arity"/> entries takes when chained (requiredNumTuples): the first holds
    /// circuitArity entries, each next one circuitArity - 1 after the link to its predecessor.
    /// </summary>
    public static int TuplesNeeded(int circuitArity, int arity) => (arity - 1 + circuitArity - 2) / (circuitArity - 1);

    /// <summary>The limits of <paramref name="circuit"/> this exceeds, as phrases; empty when it fits.</summary>
    public List<string> Exceeded(GpcCircuitLimits circuit)
    {
        var exceeded = new List<string>();
        Check(exceeded, NObjects, circuit.MaxObjects, "PODs");
        Check(exceeded, NEntries, circuit.MaxEntries, "entries");
        Check(exceeded, MerkleMaxDepth, circuit.MerkleMaxDepth, "Merkle tree depth");
        Check(exceeded, NNumericValues, circuit.MaxNumericValues, "bounds checks");
        Check(exceeded, NEntryInequalities, circuit.MaxEntryInequalities, "entry inequalities");
        Check(exceeded, NLists, circuit.MaxLists, "list membership checks");
        Check(exceeded, MaxListSize, circuit.MaxListElements, "list elements");
        if (TupleArities.Count > 0)
        {
            if (circuit.TupleArity < 2)
            {
                exceeded.Add("tuples (none)");
            }
            else
            {
                int tuples = TupleArities.Sum(t => TuplesNeeded(circuit.TupleArity, t.Value));
                Check(exceeded, tuples, circuit.MaxTuples, $"tuples of arity {circuit.TupleArity}");
            }
        }

        if (IncludeOwnerV3 && !circuit.IncludeOwnerV3)
        {
            exceeded.Add("a Semaphore V3 owner module");
        }

        if (IncludeOwnerV4 && !circuit.IncludeOwnerV4)
        {
            exceeded.Add("a Semaphore V4 owner module");
        }

        return exceeded;
    }

    /// <summary>The requirements as a phrase, for messages.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{NObjects} PODs, {NEntries} entries, Merkle depth {MerkleMaxDepth}, ");
        sb.Append(CultureInfo.InvariantCulture, $"{NNumericValues} bounds checks, {NEntryInequalities} entry inequalities, ");
        sb.Append(CultureInfo.InvariantCulture, $"{NLists} list checks of up to {MaxListSize} elements");
        if (TupleArities.Count > 0)
        {
            sb.Append(", tuples of arity ").AppendJoin(", ", TupleArities.Select(t => t.Value));
        }

        if (IncludeOwnerV3)
        {
            sb.Append(", a Semaphore V3 owner");
        }

        if (IncludeOwnerV4)
        {
            sb.Append(", a Semaphore V4 owner");
        }

        return sb.ToString();
    }

    private static void Check(List<string> exceeded, int required, int limit, string what)
    {
        if (required > limit)
        {
            exceeded.Add(string.Create(CultureInfo.InvariantCulture, $"{required} {what} (at most {limit})"));
        }
    }
}
