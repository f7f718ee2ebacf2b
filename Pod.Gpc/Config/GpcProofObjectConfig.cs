namespace Pod.Gpc;

/// <summary>
/// The configuration of one POD in a proof (@pcd/gpc's GPCProofObjectConfig): the entries to prove and
/// the constraints on its virtual entries. The POD's signature is always proven.
/// </summary>
public sealed class GpcProofObjectConfig
{
    private readonly IReadOnlyDictionary<string, GpcProofEntryConfig> _entries = null!;

    /// <summary>The entries to prove, by name (at least one). The map is copied; its order is kept.</summary>
    /// <exception cref="ArgumentNullException">The map or one of its configs is null.</exception>
    public required IReadOnlyDictionary<string, GpcProofEntryConfig> Entries
    {
        get => _entries;
        init => _entries = ReadOnlyMaps.Copy(value, nameof(Entries));
    }

    /// <summary>The <c>$contentID</c> virtual entry; when null the content ID is not revealed.</summary>
    public GpcProofEntryConfigCommon? ContentId { get; init; }

    /// <summary>The <c>$signerPublicKey</c> virtual entry; when null the signer's key is revealed.</summary>
    public GpcProofEntryConfigCommon? SignerPublicKey { get; init; }
}
