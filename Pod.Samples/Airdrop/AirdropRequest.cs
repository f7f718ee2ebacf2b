using System.Globalization;
using System.Text.Json.Nodes;
using Pod.Cryptography.Signatures;
using Pod.Gpc.Config;
using Pod.Gpc.Serialization;
using Pod.Issuers.Tls;
using Pod.Pods;

namespace Pod.Samples.Airdrop;

/// <summary>
/// What the airdrop asks a holder of a TLS identity POD to prove, fixed when the request is made: "I am 18 or older
/// today" (an <c>inRange</c> on the hidden birth date, with the POD still valid today) and "my nationality is not on
/// this 50-element list" (hidden), both from the trusted issuer, both bound to the request's challenge (the watermark)
/// and to the airdrop (the external nullifier).
/// </summary>
/// <remarks>
/// Two proofs, because no circuit of the family takes both: the numeric circuits take lists of at most 20 elements and
/// the 50-element list circuit has no numeric slots. Both reveal the holder's nullifier hash for the airdrop, which
/// the service requires to be the same: both are made by the owner of an identity POD from the issuer. The issuer binds
/// each UID to one owner, so the nullifier is one per UID (per person) per airdrop. Two identity PODs owned by one
/// identity (two UIDs) could answer one proof each; the airdrop's sybil resistance does not depend on that, since the
/// nullifier is the same.
/// </remarks>
internal sealed record AirdropRequest(string AirdropId, EdDsaPublicKey Issuer, string Challenge, DateTimeOffset Today, IReadOnlyList<string> Banned)
{
    /// <summary>The date a holder born on or before it is 18 or older on <see cref="Today"/>.</summary>
    public DateTimeOffset BornOnOrBefore => new DateTimeOffset(Today.UtcDateTime.Date, TimeSpan.Zero).AddYears(-18);

    /// <summary>Proof A: 18 or older, POD valid today.</summary>
    public GpcProofConfig AgeConfig => GpcJson.ParseProofConfig("""
        {"pods":{"id":{"entries":{
            "pod_type":{"isRevealed":true},
            "birth_date":{"isRevealed":false,"inRange":{"min":DATE_MIN,"max":BORN_BY}},
            "valid_until":{"isRevealed":false,"inRange":{"min":TODAY,"max":DATE_MAX}},
            "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}
        """
        .Replace("DATE_MIN", PodDateMin.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("DATE_MAX", PodDateMax.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("BORN_BY", BornOnOrBefore.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("TODAY", Today.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

    /// <summary>Proof B: nationality not on the list.</summary>
    public static GpcProofConfig NationalityConfig { get; } = GpcJson.ParseProofConfig("""
        {"pods":{"id":{"entries":{
            "pod_type":{"isRevealed":true},
            "nationality":{"isRevealed":false,"isNotMemberOf":"banned"},
            "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}
        """);

    public GpcMembershipList BannedList => GpcMembershipList.Of(Banned.Select(PodValue.String));

    public PodValue ExternalNullifier => PodValue.String(AirdropId);

    public PodValue Watermark => PodValue.String(Challenge);

    /// <summary>The smallest and largest POD dates (milliseconds), the open ends of the ranges.</summary>
    private const long PodDateMin = -8_640_000_000_000_000, PodDateMax = 8_640_000_000_000_000;

    /// <summary>50 codes: the user-assigned ISO 3166 ranges XA-XZ and YA-YX stand in for a real list.</summary>
    public static IReadOnlyList<string> SampleBannedList { get; } =
        [.. Enumerable.Range(0, 50).Select(i => $"{(char)('X' + (i / 26))}{(char)('A' + (i % 26))}")];

    public JsonObject ToJson() => new()
    {
        ["airdropId"] = AirdropId,
        ["issuer"] = Issuer.ToString(),
        ["challenge"] = Challenge,
        ["podType"] = TlsPodEntries.PodTypeValue,
        ["ageConfig"] = JsonNode.Parse(GpcJson.SerializeProofConfig(AgeConfig)),
        ["nationalityConfig"] = JsonNode.Parse(GpcJson.SerializeProofConfig(NationalityConfig)),
        ["membershipLists"] = JsonNode.Parse(GpcJson.SerializeMembershipLists(new Dictionary<string, GpcMembershipList> { ["banned"] = BannedList })),
    };
}
