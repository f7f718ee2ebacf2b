namespace Pod.Gpc;

/// <summary>The constraints every entry config has, virtual or not (GPCProofEntryConfigCommon).</summary>
internal interface IGpcEntryConfig
{
    bool IsRevealed { get; }

    string? EqualsEntry { get; }

    string? NotEqualsEntry { get; }

    string? IsMemberOf { get; }

    string? IsNotMemberOf { get; }
}
