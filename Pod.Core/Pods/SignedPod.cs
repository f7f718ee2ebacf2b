using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;

namespace Pod;

/// <summary>
/// A POD: entries, and an EdDSA-Poseidon signature of their content ID by the signer's key (@pcd/pod's
/// POD class). Immutable; equal when content ID, signature and signer are equal.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.SignedPodJsonConverter))]
public sealed class SignedPod : IEquatable<SignedPod>
{
    private SignedPod(PodContent content, EdDsaSignature signature, EdDsaPublicKey signerPublicKey)
    {
        Content = content;
        Signature = signature;
        SignerPublicKey = signerPublicKey;
    }

    /// <summary>The content (entries and Merkle tree).</summary>
    public PodContent Content { get; }

    /// <summary>The entries.</summary>
    public PodEntries Entries => Content.Entries;

    /// <summary>The content ID the signature signs.</summary>
    public Fr ContentId => Content.ContentId;

    /// <summary>The signature of the content ID.</summary>
    public EdDsaSignature Signature { get; }

    /// <summary>The signer's public key.</summary>
    public EdDsaPublicKey SignerPublicKey { get; }

    /// <summary>Signs the entries' content ID (POD.sign).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public static SignedPod Sign(PodEntries entries, EdDsaPrivateKey privateKey)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(privateKey);
        PodContent content = PodContent.Create(entries);
        return new SignedPod(content, privateKey.Sign(content.ContentId), privateKey.PublicKey);
    }

    /// <summary>Assembles a POD from its parts without checking the signature (POD.load); call <see cref="Verify"/>.</summary>
    /// <exception cref="ArgumentNullException">The entries are null.</exception>
    public static SignedPod Load(PodEntries entries, EdDsaSignature signature, EdDsaPublicKey signerPublicKey)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new SignedPod(PodContent.Create(entries), signature, signerPublicKey);
    }

    /// <summary>True when the signature is valid for the content ID under the signer's key; false for any mismatch.</summary>
    public bool Verify() => EdDsaPoseidon.Verify(SignerPublicKey, ContentId, Signature);

    /// <inheritdoc/>
    public bool Equals(SignedPod? other) =>
        other is not null && other.ContentId == ContentId && other.Signature == Signature && other.SignerPublicKey == SignerPublicKey;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SignedPod);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ContentId, Signature);

    /// <summary>Equal content ID, signature and signer.</summary>
    public static bool operator ==(SignedPod? a, SignedPod? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Different content ID, signature or signer.</summary>
    public static bool operator !=(SignedPod? a, SignedPod? b) => !(a == b);

    /// <summary>The POD in @pcd/pod's JSON form.</summary>
    public override string ToString() => Serialization.PodJson.Serialize(this);
}
