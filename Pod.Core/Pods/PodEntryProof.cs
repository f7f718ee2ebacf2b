using Pod.Cryptography.Fields;

namespace Pod;

/// <summary>
/// A LeanIMT membership proof of one leaf of a POD's content tree, in the shape of @zk-kit/lean-imt's
/// proofs: bit i of <see cref="Index"/> set means sibling i is on the left; levels where a node had no
/// sibling (it moved up alone) have no sibling and no bit.
/// </summary>
/// <param name="Root">The content ID.</param>
/// <param name="Leaf">The proven leaf (an entry's name hash).</param>
/// <param name="Index">The path bits, lowest level first.</param>
/// <param name="Siblings">The siblings from the leaf level up.</param>
public sealed record PodEntryProof(Fr Root, Fr Leaf, int Index, IReadOnlyList<Fr> Siblings);
