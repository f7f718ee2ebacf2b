namespace Pod.Gpc;

/// <summary>
/// The configuration of a virtual entry of a POD, <c>$contentID</c> or <c>$signerPublicKey</c>
/// (@pcd/gpc's GPCProofEntryConfigCommon): whether its value is revealed, and how it is constrained.
/// </summary>
/// <remarks>
/// Without a config the signer's public key is revealed and the content ID is not. Virtual entries take
/// no owner, range or inequality constraints; the types leave those out.
/// </remarks>
public sealed class GpcProofEntryConfigCommon : IGpcEntryConfig
{
    /// <summary>Whether the value is revealed in the claims (and its hash is a public output).</summary>
    public required bool IsRevealed { get; init; }

    /// <summary>An entry identifier (<c>pod.entry</c> or <c>pod.$signerPublicKey</c>) whose value hash this one must equal.</summary>
    public string? EqualsEntry { get; init; }

    /// <summary>An entry identifier whose value hash this one must differ from.</summary>
    public string? NotEqualsEntry { get; init; }

    /// <summary>The name of a membership list (in the inputs and claims) the value must be in.</summary>
    public string? IsMemberOf { get; init; }

    /// <summary>The name of a membership list the value must not be in.</summary>
    public string? IsNotMemberOf { get; init; }
}
