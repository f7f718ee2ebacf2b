using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Identity;

namespace Pod.Tests.Support;

/// <summary>
/// Random GPC scenarios for property tests: random signed PODs, an owner, and a random config over them
/// with every kind of constraint, lists and tuples, mostly but not always satisfiable. Built from a seed
/// FsCheck draws, so a failing case reproduces from its seed.
/// </summary>
internal static class GpcScenarios
{
    private static readonly string[] PodNamePool = ["ticket", "pass", "club", "award", "_p"];
    private static readonly string[] EntryNamePool = ["owner", "age", "name", "eventId", "score", "level", "code", "flag", "when", "note", "key", "ownerV3"];
    private static readonly string[] ListNamePool = ["L0", "L1", "L2"];
    private static readonly string[] TextPool = ["", "a", "NL", "DE", "héllo", "日本語", "quote \" and \\"];

    private static readonly PodValue[] PublicKeys = Enumerable.Range(1, 3)
        .Select(k => (PodValue)PodValue.EdDsaPublicKey(EdDsaPublicKey.FromPoint(BabyJubJub.MultiplyBase8(k * 7919)))).ToArray();

    public static Gen<Scenario> Scenarios => Gen.Choose(int.MinValue, int.MaxValue).Select(Build);

    public static Scenario Build(int seed)
    {
        var rng = new Random(seed);
        byte[] v4PrivateKey = RandomBytes(rng, 32);
        var v4 = SemaphoreIdentity.FromPrivateKey(v4PrivateKey);
        var secrets = new OwnerSecrets(v4PrivateKey, Fr.FromUInt64((ulong)rng.NextInt64()), Fr.FromUInt64((ulong)rng.NextInt64()));
        var v3 = SemaphoreV3Identity.Create(secrets.V3Trapdoor, secrets.V3Nullifier);

        int podCount = rng.Next(100) < 4 ? 4 : rng.Next(1, 4);
        var pods = new Dictionary<string, SignedPod>(StringComparer.Ordinal);
        foreach (string podName in PodNamePool.OrderBy(_ => rng.Next()).Take(podCount))
        {
            var entries = new Dictionary<string, PodValue>(StringComparer.Ordinal);
            foreach (string entryName in EntryNamePool.OrderBy(_ => rng.Next()).Take(rng.Next(1, 9)))
            {
                entries[entryName] = entryName switch
                {
                    "owner" when rng.Next(3) > 0 => PodValue.EdDsaPublicKey(v4.PublicKey),
                    "ownerV3" when rng.Next(3) > 0 => PodValue.Cryptographic(v3.Commitment),
                    _ => RandomValue(rng),
                };
            }

            using var key = EdDsaPrivateKey.Import(RandomBytes(rng, 32));
            pods[podName] = SignedPod.Sign(PodEntries.Create(entries), key);
        }

        // The config names the input PODs (rarely another name), in a random order.
        var configPods = new Dictionary<string, GpcProofObjectConfig>(StringComparer.Ordinal);
        var proven = new List<(string Identifier, PodValue Value, bool Bounded)>();
        var lists = new Dictionary<string, List<IReadOnlyList<PodValue>>>(StringComparer.Ordinal);
        foreach (var (podName, pod) in pods.OrderBy(_ => rng.Next()))
        {
            string name = rng.Next(100) < 2 ? "missing" : podName;
            var entryConfigs = new Dictionary<string, GpcProofEntryConfig>(StringComparer.Ordinal);
            foreach (var (entryName, value) in pod.Entries.OrderBy(_ => rng.Next()).Take(rng.Next(1, 5)))
            {
                string entry = rng.Next(100) < 2 ? "absent" : entryName;
                var (entryConfig, bounded) = RandomEntryConfig(rng, value, proven, lists);
                entryConfigs[entry] = entryConfig;
                proven.Add(($"{name}.{entry}", value, bounded));
            }

            configPods[name] = new GpcProofObjectConfig
            {
                Entries = entryConfigs,
                ContentId = rng.Next(5) == 0 ? RandomVirtualConfig(rng, PodValue.Cryptographic(pod.ContentId), proven, lists) : null,
                SignerPublicKey = rng.Next(5) == 0 ? RandomVirtualConfig(rng, PodValue.EdDsaPublicKey(pod.SignerPublicKey), proven, lists) : null,
            };
        }

        Dictionary<string, GpcProofTupleConfig>? tuples = null;
        if (rng.Next(6) == 0 && proven.Count >= 2)
        {
            var members = proven.OrderBy(_ => rng.Next()).Take(rng.Next(2, Math.Min(proven.Count, 4) + 1)).ToList();
            string listName = "T" + rng.Next(2);
            tuples = new() { ["tup"] = new GpcProofTupleConfig { Entries = members.Select(m => m.Identifier).ToArray(), IsMemberOf = listName } };
            AddToList(rng, lists, listName, members.Select(m => m.Value).ToArray());
        }

        var config = new GpcProofConfig
        {
            Pods = configPods,
            UniquePods = rng.Next(5) == 0 ? rng.Next(2) == 0 : null,
            Tuples = tuples,
        };
        var inputs = new GpcProofInputs
        {
            Pods = pods,
            Owner = rng.Next(8) == 0 ? null : new GpcProofOwnerInputs
            {
                SemaphoreV4 = rng.Next(10) > 0 ? v4 : null,
                SemaphoreV3 = rng.Next(5) > 1 ? v3 : null,
                ExternalNullifier = rng.Next(3) == 0 ? RandomValue(rng) : null,
            },
            MembershipLists = lists.Count == 0 ? null : lists.ToDictionary(l => l.Key, l => l.Value.All(e => e.Count == 1) && !l.Key.StartsWith('T')
                ? GpcMembershipList.Of(l.Value.Select(e => e[0]))
                : GpcMembershipList.OfTuples(l.Value)),
            Watermark = rng.Next(2) == 0 ? RandomValue(rng) : null,
        };
        return new Scenario(seed, config, inputs, secrets);
    }

    private static (GpcProofEntryConfig Config, bool Bounded) RandomEntryConfig(
        Random rng, PodValue value, List<(string Identifier, PodValue Value, bool Bounded)> proven, Dictionary<string, List<IReadOnlyList<PodValue>>> lists)
    {
        GpcIdentityProtocol? owner = rng.Next(6) == 0
            ? value switch
            {
                PodEdDsaPublicKeyValue => GpcIdentityProtocol.SemaphoreV4,
                PodCryptographicValue => GpcIdentityProtocol.SemaphoreV3,
                _ => rng.Next(2) == 0 ? GpcIdentityProtocol.SemaphoreV3 : GpcIdentityProtocol.SemaphoreV4,
            }
            : null;
        string? equal = owner is null && proven.Count > 0 && rng.Next(12) == 0 ? CompareTarget(rng, proven) : null;
        string? notEqual = owner is null && equal is null && proven.Count > 0 && rng.Next(10) == 0 ? CompareTarget(rng, proven) : null;
        int rangeOdds = value.IsArithmetic ? 3 : 20;
        GpcClosedInterval? inRange = rng.Next(rangeOdds) == 0 ? RandomInterval(rng, value, inside: rng.Next(10) > 0) : null;
        GpcClosedInterval? notInRange = rng.Next(2 * rangeOdds) == 0 ? RandomInterval(rng, value, inside: rng.Next(10) == 0) : null;
        var bounded = proven.Where(p => p.Bounded).ToList();
        string? lessThan = (inRange ?? notInRange) is not null && bounded.Count > 0 && rng.Next(4) == 0 ? Pick(rng, bounded).Identifier : null;
        string? greaterThanEq = (inRange ?? notInRange) is not null && bounded.Count > 0 && rng.Next(5) == 0 ? Pick(rng, bounded).Identifier : null;
        var (member, notMember) = RandomLists(rng, value, lists);
        var config = new GpcProofEntryConfig
        {
            IsRevealed = rng.Next(2) == 0,
            IsOwnerId = owner,
            EqualsEntry = equal,
            NotEqualsEntry = notEqual,
            InRange = inRange,
            NotInRange = notInRange,
            LessThan = lessThan,
            GreaterThanEq = greaterThanEq,
            IsMemberOf = member,
            IsNotMemberOf = notMember,
        };
        return (config, inRange is not null || notInRange is not null);
    }

    private static GpcProofEntryConfigCommon RandomVirtualConfig(
        Random rng, PodValue value, List<(string Identifier, PodValue Value, bool Bounded)> proven, Dictionary<string, List<IReadOnlyList<PodValue>>> lists)
    {
        var (member, notMember) = RandomLists(rng, value, lists);
        return new GpcProofEntryConfigCommon
        {
            IsRevealed = rng.Next(2) == 0,
            EqualsEntry = proven.Count > 0 && rng.Next(6) == 0 ? CompareTarget(rng, proven) : null,
            IsMemberOf = member,
            IsNotMemberOf = notMember,
        };
    }

    /// <summary>An entry to compare with: mostly one proven before, now and then any entry or virtual entry, proven or not.</summary>
    private static string CompareTarget(Random rng, List<(string Identifier, PodValue Value, bool Bounded)> proven) =>
        rng.Next(8) > 0
            ? Pick(rng, proven).Identifier
            : $"{PodNamePool[rng.Next(PodNamePool.Length)]}.{(rng.Next(3) == 0 ? (rng.Next(2) == 0 ? "$contentID" : "$signerPublicKey") : EntryNamePool[rng.Next(EntryNamePool.Length)])}";

    private static (string? Member, string? NotMember) RandomLists(Random rng, PodValue value, Dictionary<string, List<IReadOnlyList<PodValue>>> lists)
    {
        if (rng.Next(6) != 0)
        {
            return (null, null);
        }

        string name = ListNamePool[rng.Next(ListNamePool.Length)];
        bool member = rng.Next(2) == 0;
        bool contains = rng.Next(10) < 8 ? member : !member;
        if (contains)
        {
            AddToList(rng, lists, name, [value]);
        }
        else if (!lists.ContainsKey(name))
        {
            lists[name] = [];
        }

        for (int i = rng.Next(0, 6); i > 0; i--)
        {
            lists[name].Add([RandomValue(rng)]);
        }

        if (lists[name].Count == 0 && rng.Next(4) > 0)
        {
            lists[name].Add([RandomValue(rng)]);
        }

        return member ? (name, rng.Next(30) == 0 ? "L9" : null) : (null, name);
    }

    private static void AddToList(Random rng, Dictionary<string, List<IReadOnlyList<PodValue>>> lists, string name, PodValue[] element)
    {
        if (!lists.TryGetValue(name, out var list))
        {
            lists[name] = list = [];
        }

        list.Insert(rng.Next(list.Count + 1), element);
        for (int i = rng.Next(0, 4); i > 0; i--)
        {
            list.Add(element.Select(_ => RandomValue(rng)).ToArray());
        }
    }

    /// <summary>An interval around the value (containing it or not), now and then with an edge of the int range, or beyond it.</summary>
    private static GpcClosedInterval RandomInterval(Random rng, PodValue value, bool inside)
    {
        BigInteger center = value.IsArithmetic ? value.CircuitValue!.Value : rng.Next(-100, 100);
        BigInteger[] edges = [PodValue.IntMin, PodValue.IntMax, (BigInteger)PodValue.IntMin - 1, (BigInteger)PodValue.IntMax + 1];
        BigInteger min = inside ? center - rng.Next(0, 50) : center + rng.Next(1, 50);
        BigInteger max = inside ? center + rng.Next(0, 50) : min + rng.Next(0, 50);
        return rng.Next(12) switch
        {
            0 => new GpcClosedInterval(edges[rng.Next(edges.Length)], max),
            1 => new GpcClosedInterval(min, edges[rng.Next(edges.Length)]),
            2 => new GpcClosedInterval(max, min),
            _ => new GpcClosedInterval(BigInteger.Max(min, PodValue.IntMin), BigInteger.Min(max, PodValue.IntMax)),
        };
    }

    private static PodValue RandomValue(Random rng) => rng.Next(8) switch
    {
        0 => PodValue.String(rng.Next(3) == 0 ? new string((char)rng.Next('a', 'z'), rng.Next(12)) : TextPool[rng.Next(TextPool.Length)]),
        1 => PodValue.Bytes(RandomBytes(rng, rng.Next(8))),
        2 => PodValue.Cryptographic(rng.Next(3) == 0 ? Fr.Modulus - 1 - rng.Next(5) : rng.Next(20)),
        3 => PodValue.Int(rng.Next(4) switch { 0 => long.MinValue, 1 => long.MaxValue, _ => rng.Next(-50, 50) }),
        4 => PodValue.Boolean(rng.Next(2) == 0),
        5 => PublicKeys[rng.Next(PublicKeys.Length)],
        6 => PodValue.Date(rng.NextInt64(-2_000_000_000_000, 5_000_000_000_000)),
        _ => PodValue.Null,
    };

    private static T Pick<T>(Random rng, List<T> items) => items[rng.Next(items.Count)];

    private static byte[] RandomBytes(Random rng, int length)
    {
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        return bytes;
    }

    /// <summary>The secrets of a scenario's owner identities, which the identities do not give back (for another implementation to rebuild them).</summary>
    internal sealed record OwnerSecrets(byte[] V4PrivateKey, Fr V3Trapdoor, Fr V3Nullifier);

    /// <summary>A seed and the config, inputs and owner secrets it gives.</summary>
    internal sealed record Scenario(int Seed, GpcProofConfig Config, GpcProofInputs Inputs, OwnerSecrets Secrets)
    {
        public override string ToString() => $"GpcScenarios.Build({Seed})";
    }
}
