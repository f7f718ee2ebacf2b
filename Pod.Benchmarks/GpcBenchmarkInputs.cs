using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Identity;

namespace Pod.Benchmarks;

/// <summary>
/// The two GPC cases of reference-gpc/bench.mjs, built from the same fixed keys and values, so both sides
/// compile the same config to the same circuit inputs (<c>node bench.mjs --signals</c> prints them).
/// Both sides keep the signed PODs, whose Merkle trees are cached once built; values the compiler hashes
/// each time in JavaScript (lists, watermark, nullifier) are built afresh here for every call.
/// </summary>
internal static class GpcBenchmarkInputs
{
    public const string OnePodCircuit = "proto-pod-gpc_1o-5e-6md-2nv-0ei-0x0l-0x0t-1ov3-1ov4";
    public const string ThreePodCircuit = "proto-pod-gpc_3o-10e-8md-4nv-2ei-4x20l-5x3t-1ov3-1ov4";

    public static readonly SemaphoreIdentity Owner = SemaphoreIdentity.FromPrivateKey(Bytes(0x20));

    private static readonly SignedPod Ticket = Sign(0x00, new()
    {
        ["eventId"] = PodValue.Cryptographic(ReferenceInputs.Element(1)),
        ["ticketId"] = PodValue.String("T-0001"),
        ["owner"] = PodValue.EdDsaPublicKey(Owner.PublicKey),
        ["price"] = PodValue.Int(12500),
        ["attendee"] = PodValue.String("Alice Liddell"),
        ["isConsumed"] = PodValue.Boolean(false),
        ["eventStart"] = PodValue.Date(DateTimeOffset.Parse("2025-07-27T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
    });

    private static readonly SignedPod Passport = Sign(0x00, new()
    {
        ["age"] = PodValue.Int(42),
        ["birthDate"] = PodValue.Date(DateTimeOffset.Parse("1983-05-23T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
        ["nationality"] = PodValue.String("NL"),
        ["name"] = PodValue.String("Alice Liddell"),
        ["score"] = PodValue.Int(17),
    });

    private static readonly SignedPod Club = Sign(0x40, new()
    {
        ["memberLevel"] = PodValue.Int(3),
        ["clubId"] = PodValue.Cryptographic(ReferenceInputs.Element(7)),
        ["since"] = PodValue.Date(DateTimeOffset.Parse("2020-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
    });

    /// <summary>One POD: a hidden SemaphoreV4 owner entry with a nullifier, one revealed entry, one hidden.</summary>
    public static GpcProofConfig OnePodConfig { get; } = new()
    {
        Pods = new Dictionary<string, GpcProofObjectConfig>
        {
            ["ticket"] = new()
            {
                Entries = new Dictionary<string, GpcProofEntryConfig>
                {
                    ["owner"] = new() { IsRevealed = false, IsOwnerId = GpcIdentityProtocol.SemaphoreV4 },
                    ["eventId"] = new() { IsRevealed = true },
                    ["ticketId"] = new() { IsRevealed = false },
                },
            },
        },
    };

    /// <summary>Fresh inputs (new list and watermark values, whose hashes are not cached yet) around the signed PODs.</summary>
    public static GpcProofInputs OnePodInputs() => new()
    {
        Pods = new Dictionary<string, SignedPod> { ["ticket"] = Ticket },
        Owner = new GpcProofOwnerInputs { SemaphoreV4 = Owner, ExternalNullifier = PodValue.String("vote-2025") },
        Watermark = PodValue.Int(42),
    };

    /// <summary>Three PODs: an owner, four lists (entry, non-member, signer key, tuple), four range checks, unique PODs.</summary>
    public static GpcProofConfig ThreePodConfig { get; } = new()
    {
        Pods = new Dictionary<string, GpcProofObjectConfig>
        {
            ["ticket"] = new()
            {
                Entries = new Dictionary<string, GpcProofEntryConfig>
                {
                    ["eventId"] = new() { IsRevealed = false, IsMemberOf = "events" },
                    ["owner"] = new() { IsRevealed = false, IsOwnerId = GpcIdentityProtocol.SemaphoreV4 },
                },
            },
            ["passport"] = new()
            {
                Entries = new Dictionary<string, GpcProofEntryConfig>
                {
                    ["age"] = new() { IsRevealed = false, InRange = new(18, 150) },
                    ["nationality"] = new() { IsRevealed = false, IsNotMemberOf = "sanctioned" },
                    ["score"] = new() { IsRevealed = false, InRange = new(-100, 100), NotInRange = new(-5, 5) },
                },
            },
            ["club"] = new()
            {
                Entries = new Dictionary<string, GpcProofEntryConfig> { ["memberLevel"] = new() { IsRevealed = true, InRange = new(1, 10) } },
                SignerPublicKey = new() { IsRevealed = false, IsMemberOf = "clubIssuers" },
            },
        },
        UniquePods = true,
        Tuples = new Dictionary<string, GpcProofTupleConfig>
        {
            ["pair"] = new() { Entries = ["ticket.eventId", "passport.nationality"], IsMemberOf = "pairs" },
        },
    };

    /// <summary>Fresh inputs (new list and watermark values, whose hashes are not cached yet) around the signed PODs.</summary>
    public static GpcProofInputs ThreePodInputs() => new()
    {
        Pods = new Dictionary<string, SignedPod> { ["ticket"] = Ticket, ["passport"] = Passport, ["club"] = Club },
        Owner = new GpcProofOwnerInputs { SemaphoreV4 = Owner, ExternalNullifier = PodValue.String("election-7") },
        MembershipLists = new Dictionary<string, GpcMembershipList>
        {
            ["events"] = GpcMembershipList.Of(new[] { 1 }.Concat(Enumerable.Range(100, 19)).Select(i => PodValue.Cryptographic(ReferenceInputs.Element(i)))),
            ["sanctioned"] = GpcMembershipList.Of(Enumerable.Range(0, 10).Select(i => PodValue.String($"X{(char)('A' + i)}"))),
            ["clubIssuers"] = GpcMembershipList.Of(new[]
            {
                Club.SignerPublicKey, Ticket.SignerPublicKey, SemaphoreIdentity.FromPrivateKey(Bytes(0x60)).PublicKey,
            }.Select(k => PodValue.EdDsaPublicKey(k))),
            ["pairs"] = GpcMembershipList.OfTuples(new[] { "NL", "DE", "FR", "BE", "LU" }
                .Select((country, i) => new PodValue[] { PodValue.Cryptographic(ReferenceInputs.Element(1 + i)), PodValue.String(country) })),
        },
        Watermark = PodValue.String("three-pod-bench"),
    };

    private static byte[] Bytes(int start) => Enumerable.Range(start, 32).Select(i => (byte)i).ToArray();

    private static SignedPod Sign(int keyStart, Dictionary<string, PodValue> entries)
    {
        using var key = EdDsaPrivateKey.Import(Bytes(keyStart));
        return SignedPod.Sign(PodEntries.Create(entries), key);
    }
}
