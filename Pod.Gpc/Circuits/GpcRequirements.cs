using System.Globalization;
using System.Text;

namespace Pod.Gpc;

/// <summary>
/// The size a circuit must have for a config, its inputs or claims (@pcd/gpc's GPCRequirements); every
/// circuit limit must be at least the required value, and owner modules present when required.
/// </summary>
internal sealed record GpcRequirements(
    int NObjects,
    int NEntries,
    int MerkleMaxDepth,
    int NNumericValues,
    int NEntryInequalities,
    int NLists,
    int MaxListSize,
    IReadOnlyList<KeyValuePair<string, int>> TupleArities,
    bool IncludeOwnerV3,
    bool IncludeOwnerV4)
{
    /// <summary>The larger of each requirement (mergeRequirements); only one side may name tuples.</summary>
    public GpcRequirements Merge(GpcRequirements other) => new(
        Math.Max(NObjects, other.NObjects),
        Math.Max(NEntries, other.NEntries),
        Math.Max(MerkleMaxDepth, other.MerkleMaxDepth),
        Math.Max(NNumericValues, other.NNumericValues),
        Math.Max(NEntryInequalities, other.NEntryInequalities),
        Math.Max(NLists, other.NLists),
        Math.Max(MaxListSize, other.MaxListSize),
        TupleArities.Count == 0 ? other.TupleArities : TupleArities,
        IncludeOwnerV3 || other.IncludeOwnerV3,
        IncludeOwnerV4 || other.IncludeOwnerV4);

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
