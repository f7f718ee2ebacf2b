using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;

namespace Pod;

/// <summary>
/// The content of a POD: its entries and the LeanIMT over them, whose root is the content ID. The leaves
/// are name hash then value hash for each entry in name order; a node is Poseidon(left, right), and a
/// lone left node moves up unhashed (no zero padding). The tree is built once, on first use.
/// </summary>
public sealed class PodContent
{
    private readonly Lazy<Fr[][]> _levels;

    private PodContent(PodEntries entries)
    {
        Entries = entries;
        _levels = new Lazy<Fr[][]>(BuildLevels, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The entries.</summary>
    public PodEntries Entries { get; }

    /// <summary>The content ID: the root of the entry tree, the value a POD's signature signs.</summary>
    public Fr ContentId => _levels.Value[^1][0];

    /// <summary>The tree depth, ceil(log2(2 * entries)).</summary>
    public int MerkleTreeDepth => _levels.Value.Length - 1;

    /// <summary>The content of these entries.</summary>
    /// <exception cref="ArgumentNullException">The entries are null.</exception>
    public static PodContent Create(PodEntries entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new PodContent(entries);
    }

    /// <summary>The proof that the named entry's name hash is a leaf (its value hash is the first sibling).</summary>
    /// <exception cref="KeyNotFoundException">There is no such entry.</exception>
    public PodEntryProof GenerateEntryProof(string name)
    {
        int entryIndex = Entries.IndexOf(name);
        if (entryIndex < 0)
        {
            throw new KeyNotFoundException($"The POD has no entry named {PodNames.Describe(name)}.");
        }

        Fr[][] levels = _levels.Value;
        int index = 2 * entryIndex;
        var siblings = new List<Fr>();
        int path = 0;
        for (int level = 0; level < levels.Length - 1; level++)
        {
            bool isRight = (index & 1) == 1;
            int siblingIndex = isRight ? index - 1 : index + 1;
            if (siblingIndex < levels[level].Length)
            {
                path |= (isRight ? 1 : 0) << siblings.Count;
                siblings.Add(levels[level][siblingIndex]);
            }

            index >>= 1;
        }

        return new PodEntryProof(ContentId, levels[0][2 * entryIndex], path, siblings);
    }

    /// <summary>True when the proof's siblings lead from its leaf to its root (LeanIMT verifyProof).</summary>
    public static bool VerifyEntryProof(PodEntryProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (proof.Siblings.Count > 30 || proof.Index < 0 || proof.Index >> proof.Siblings.Count != 0)
        {
            return false;
        }

        Fr node = proof.Leaf;
        for (int i = 0; i < proof.Siblings.Count; i++)
        {
            node = ((proof.Index >> i) & 1) == 1
                ? Poseidon.Hash(proof.Siblings[i], node)
                : Poseidon.Hash(node, proof.Siblings[i]);
        }

        return node == proof.Root;
    }

    private Fr[][] BuildLevels()
    {
        var leaves = new Fr[2 * Entries.Count];
        for (int i = 0; i < Entries.Count; i++)
        {
            leaves[2 * i] = PodValueHashing.StringHash(Entries.NameAt(i));
            leaves[(2 * i) + 1] = Entries.ValueAt(i).Hash;
        }

        var levels = new List<Fr[]> { leaves };
        Fr[] current = leaves;
        while (current.Length > 1)
        {
            // The level's pairs in one batch (one native call); a lone last node moves up unhashed.
            var next = new Fr[(current.Length + 1) / 2];
            int pairs = current.Length / 2;
            Poseidon.HashBatch(current.AsSpan(0, 2 * pairs), 2, next.AsSpan(0, pairs));
            if (pairs < next.Length)
            {
                next[^1] = current[^1];
            }

            levels.Add(next);
            current = next;
        }

        return levels.ToArray();
    }
}
