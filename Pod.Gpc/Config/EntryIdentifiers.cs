
namespace Pod.Gpc;

/// <summary>
/// Entry identifiers, <c>podName.entryName</c>, where the entry may be the virtual <c>$contentID</c> or
/// <c>$signerPublicKey</c>; tuple identifiers, <c>$tuple.name</c> (gpcUtil's identifier helpers).
/// </summary>
internal static class EntryIdentifiers
{
    public const string ContentId = "$contentID";
    public const string SignerPublicKey = "$signerPublicKey";
    public const string TuplePrefix = "$tuple.";

    public static bool IsVirtualName(string entryName) => entryName is ContentId or SignerPublicKey;

    public static string Make(string podName, string entryName) => podName + "." + entryName;

    /// <summary>
    /// Splits an identifier into a valid POD name and a valid entry name (virtual names allowed), or
    /// returns false (checkPODEntryIdentifierParts).
    /// </summary>
    public static bool TrySplit(string? identifier, out string podName, out string entryName)
    {
        podName = entryName = "";
        if (identifier is null)
        {
            return false;
        }

        int dot = identifier.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || identifier.IndexOf('.', dot + 1) >= 0)
        {
            return false;
        }

        podName = identifier[..dot];
        entryName = identifier[(dot + 1)..];
        return PodNames.IsValid(podName) && (IsVirtualName(entryName) || PodNames.IsValid(entryName));
    }

    /// <summary>Splits an identifier already checked to be valid.</summary>
    public static (string PodName, string EntryName) Split(string identifier)
    {
        int dot = identifier.IndexOf('.', StringComparison.Ordinal);
        return (identifier[..dot], identifier[(dot + 1)..]);
    }

    /// <summary>
    /// The value an entry name resolves to in a POD (resolvePODEntry): the entry's value, the content ID as
    /// a cryptographic value, the signer's key as an eddsa_pubkey value, or null when there is no such entry.
    /// </summary>
    public static PodValue? Resolve(string entryName, SignedPod pod) => entryName switch
    {
        ContentId => PodValue.Cryptographic(pod.ContentId),
        SignerPublicKey => PodValue.EdDsaPublicKey(pod.SignerPublicKey),
        _ => pod.Entries.TryGetValue(entryName, out PodValue? value) ? value : null,
    };

    /// <summary>The value an identifier resolves to among named PODs, or null.</summary>
    public static PodValue? Resolve(string identifier, IReadOnlyDictionary<string, SignedPod> pods)
    {
        var (podName, entryName) = Split(identifier);
        return pods.TryGetValue(podName, out SignedPod? pod) ? Resolve(entryName, pod) : null;
    }

    /// <summary>The path of an identifier's config within a proof config: <c>pods.p.entries.e</c> or <c>pods.p.contentID</c>.</summary>
    public static string ConfigPath(string identifier)
    {
        var (podName, entryName) = Split(identifier);
        return entryName switch
        {
            ContentId => $"pods.{podName}.contentID",
            SignerPublicKey => $"pods.{podName}.signerPublicKey",
            _ => $"pods.{podName}.entries.{entryName}",
        };
    }
}
