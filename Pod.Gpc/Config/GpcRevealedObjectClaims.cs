using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;

namespace Pod.Gpc;

/// <summary>What a proof reveals of one POD (@pcd/gpc's GPCRevealedObjectClaims).</summary>
public sealed class GpcRevealedObjectClaims
{
    private readonly IReadOnlyDictionary<string, PodValue>? _entries;

    /// <summary>The revealed entries by name (null when none is revealed, never empty).</summary>
    /// <exception cref="ArgumentNullException">One of the values is null.</exception>
    public IReadOnlyDictionary<string, PodValue>? Entries
    {
        get => _entries;
        init => _entries = value is null ? null : ReadOnlyMaps.Copy(value, nameof(Entries));
    }

    /// <summary>The content ID, when revealed.</summary>
    public Fr? ContentId { get; init; }

    /// <summary>The signer's public key, when revealed (by default it is).</summary>
    public EdDsaPublicKey? SignerPublicKey { get; init; }
}
