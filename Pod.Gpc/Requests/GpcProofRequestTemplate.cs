using System.Numerics;
using Pod.Cryptography.Signatures;

namespace Pod.Gpc.Requests;

/// <summary>
/// What a verifier asks for, once: the statement (a proof config, some of whose bounds may move with time), its membership
/// lists, the issuers it trusts, the scope of one use per person and how the watermark is chosen. A
/// <see cref="GpcRequestVerifier"/> issues a <see cref="GpcProofRequest"/> from it per holder and checks the answers.
/// </summary>
/// <remarks>
/// Each POD of the config either reveals its signer (the default), which must then be one of <see cref="TrustedSigners"/>,
/// or hides it with <c>signerPublicKey: {isRevealed: false, isMemberOf: TrustedSignerListName}</c>, proving it one of
/// them without saying which (the list is built from <see cref="TrustedSigners"/>). Immutable once built; checked by
/// <see cref="GpcRequestVerifier"/>'s constructor and by <c>AddPodGpcVerifier</c> at start-up.
/// </remarks>
public sealed class GpcProofRequestTemplate
{
    /// <summary>The default name of the trusted-signer list.</summary>
    public const string DefaultTrustedSignerListName = "trustedSigners";

    private readonly IReadOnlyDictionary<string, GpcMembershipList> _membershipLists = new Dictionary<string, GpcMembershipList>(StringComparer.Ordinal);
    private readonly IReadOnlySet<EdDsaPublicKey> _trustedSigners = null!;
    private readonly IReadOnlyList<GpcMovingBound> _movingBounds = [];
    private readonly IReadOnlyDictionary<string, PodValue> _requiredEntries = new Dictionary<string, PodValue>(StringComparer.Ordinal);
    private readonly IReadOnlySet<string>? _allowedCircuits;

    /// <summary>The statement to prove; the ends named by <see cref="MovingBounds"/> are replaced by their value at the time.</summary>
    public required GpcProofConfig ProofConfig { get; init; }

    /// <summary>The verifier's membership lists, by the names the config uses (not the trusted-signer list, which is built); copied when set.</summary>
    public IReadOnlyDictionary<string, GpcMembershipList> MembershipLists
    {
        get => _membershipLists;
        init => _membershipLists = ReadOnlyMaps.Copy(value, nameof(MembershipLists));
    }

    /// <summary>The issuers whose PODs are accepted (at least one); copied when set.</summary>
    /// <exception cref="ArgumentNullException">The set is null.</exception>
    public required IReadOnlySet<EdDsaPublicKey> TrustedSigners
    {
        get => _trustedSigners;
        init => _trustedSigners = (value ?? throw new ArgumentNullException(nameof(TrustedSigners))).ToHashSet();
    }

    /// <summary>The name of the list of <see cref="TrustedSigners"/> (as <c>eddsa_pubkey</c> values) that a hidden signer must be a member of.</summary>
    public string TrustedSignerListName { get; init; } = DefaultTrustedSignerListName;

    /// <summary>The external nullifier: when set, each proof must reveal its owner's nullifier hash for it, registered once (one use per person).</summary>
    public PodValue? ExternalNullifier { get; init; }

    /// <summary>How the watermark is chosen (a fresh challenge per request by default).</summary>
    public GpcWatermarkPolicy WatermarkPolicy { get; init; }

    /// <summary>The watermark of <see cref="GpcWatermarkPolicy.Fixed"/>; null otherwise.</summary>
    public PodValue? FixedWatermark { get; init; }

    /// <summary>How long a challenge stays good (five minutes by default).</summary>
    public TimeSpan ChallengeLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Ends of <c>inRange</c> intervals that move with time (age, expiry); copied when set.</summary>
    /// <exception cref="ArgumentNullException">The list or one of its bounds is null.</exception>
    public IReadOnlyList<GpcMovingBound> MovingBounds
    {
        get => _movingBounds;
        init => _movingBounds = ReadOnlyMaps.CopyList(value, nameof(MovingBounds));
    }

    /// <summary>Revealed entries the verifier requires, by entry identifier (<c>ticket.eventId</c>) with their value; copied when set.</summary>
    public IReadOnlyDictionary<string, PodValue> RequiredEntries
    {
        get => _requiredEntries;
        init => _requiredEntries = ReadOnlyMaps.Copy(value, nameof(RequiredEntries));
    }

    /// <summary>
    /// The circuits a proof may be made on; when null, the config's circuit if it names one, otherwise any circuit of the
    /// proto-pod-gpc family that fits (a holder may pick a larger one than the smallest).
    /// </summary>
    public IReadOnlySet<string>? AllowedCircuits
    {
        get => _allowedCircuits;
        init => _allowedCircuits = value?.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The config with every moving bound at its value at <paramref name="now"/>.</summary>
    internal GpcProofConfig ConfigAt(DateTimeOffset now) =>
        MovingBounds.Count == 0 ? ProofConfig : WithBounds(ProofConfig, MovingBounds.Select(b => (b.Entry, b.Side, b.ValueAt(now))));

    /// <summary>The lists a request carries: the verifier's, and the trusted-signer list when the config names it.</summary>
    internal IReadOnlyDictionary<string, GpcMembershipList> RequestLists()
    {
        var lists = new Dictionary<string, GpcMembershipList>(MembershipLists, StringComparer.Ordinal);
        if (ProofConfig.Pods.Values.Any(p => p.SignerPublicKey?.IsMemberOf == TrustedSignerListName))
        {
            lists[TrustedSignerListName] = GpcMembershipList.Of(TrustedSigners.Select(k => (PodValue)PodValue.EdDsaPublicKey(k)));
        }

        return lists;
    }

    /// <summary>The first problem that keeps the template from being used, or null; <paramref name="now"/> evaluates the moving bounds.</summary>
    internal string? FindProblem(DateTimeOffset now)
    {
        if (ProofConfig is null || TrustedSigners is null)
        {
            return "ProofConfig and TrustedSigners are required.";
        }

        if (TrustedSigners.Count == 0)
        {
            return "TrustedSigners is empty: every proof would be refused.";
        }

        if (MembershipLists.ContainsKey(TrustedSignerListName))
        {
            return $"MembershipLists has a list named \"{TrustedSignerListName}\", the name of the trusted-signer list, which is built from TrustedSigners.";
        }

        if (!Enum.IsDefined(WatermarkPolicy) || (WatermarkPolicy == GpcWatermarkPolicy.Fixed) != (FixedWatermark is not null))
        {
            return $"FixedWatermark must be set exactly when WatermarkPolicy is Fixed (it is {WatermarkPolicy}).";
        }

        if (ExternalNullifier is { } externalNullifier && Identity.GpcSignalValues.IsAbsent(externalNullifier))
        {
            return $"ExternalNullifier {externalNullifier} has the circuit signal r - 1, the circuit's value for \"no external nullifier\".";
        }

        if (ChallengeLifetime <= TimeSpan.Zero)
        {
            return $"ChallengeLifetime must be positive, not {ChallengeLifetime}.";
        }

        GpcProofConfig config;
        try
        {
            foreach (GpcMovingBound bound in MovingBounds)
            {
                if (EntryConfig(ProofConfig, bound.Entry)?.InRange is null)
                {
                    return $"The moving bound on {bound.Entry} needs that entry in the config with an inRange.";
                }
            }

            config = ConfigAt(now);
            GpcCompiler.BindConfig(config);
        }
        catch (GpcConfigException e)
        {
            return $"ProofConfig at {e.Path}: {e.Message}";
        }

        var lists = RequestLists();
        foreach (string list in ListNames(config))
        {
            if (!lists.ContainsKey(list))
            {
                return $"The config names the membership list \"{list}\", which MembershipLists does not have.";
            }
        }

        foreach (string entry in RequiredEntries.Keys)
        {
            if (EntryConfig(config, entry)?.IsRevealed != true)
            {
                return $"The required entry {entry} must be revealed by the config.";
            }
        }

        foreach (string circuit in AllowedCircuits ?? (IEnumerable<string>)[])
        {
            if (!GpcCircuitFamily.TryFind(circuit, out _))
            {
                return $"AllowedCircuits names \"{circuit}\", which is no circuit of the {GpcCircuitFamily.FamilyName} family.";
            }
        }

        return AllowedCircuits is { Count: 0 } ? "AllowedCircuits is empty: every proof would be refused." : null;
    }

    /// <summary>A copy of a config with ends of <c>inRange</c> intervals replaced (entries without an inRange are left alone).</summary>
    internal static GpcProofConfig WithBounds(GpcProofConfig config, IEnumerable<(string Entry, GpcBoundSide Side, BigInteger Value)> bounds)
    {
        var byEntry = bounds.ToLookup(b => b.Entry, StringComparer.Ordinal);
        return new GpcProofConfig
        {
            CircuitIdentifier = config.CircuitIdentifier,
            UniquePods = config.UniquePods,
            Tuples = config.Tuples,
            Pods = config.Pods.ToDictionary(p => p.Key, p => new GpcProofObjectConfig
            {
                ContentId = p.Value.ContentId,
                SignerPublicKey = p.Value.SignerPublicKey,
                Entries = p.Value.Entries.ToDictionary(e => e.Key, e => WithBounds(e.Value, byEntry[$"{p.Key}.{e.Key}"]), StringComparer.Ordinal),
            }, StringComparer.Ordinal),
        };
    }

    internal static GpcProofEntryConfig? EntryConfig(GpcProofConfig config, string entry)
    {
        int dot = entry.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && config.Pods.TryGetValue(entry[..dot], out GpcProofObjectConfig? pod) && pod.Entries.TryGetValue(entry[(dot + 1)..], out GpcProofEntryConfig? e) ? e : null;
    }

    private static GpcProofEntryConfig WithBounds(GpcProofEntryConfig entry, IEnumerable<(string Entry, GpcBoundSide Side, BigInteger Value)> bounds)
    {
        GpcClosedInterval? range = entry.InRange;
        foreach (var (_, side, value) in bounds)
        {
            range = range is not { } r ? null : side == GpcBoundSide.Min ? r with { Min = value } : r with { Max = value };
        }

        return range == entry.InRange ? entry : new GpcProofEntryConfig
        {
            IsRevealed = entry.IsRevealed,
            IsOwnerId = entry.IsOwnerId,
            EqualsEntry = entry.EqualsEntry,
            NotEqualsEntry = entry.NotEqualsEntry,
            IsMemberOf = entry.IsMemberOf,
            IsNotMemberOf = entry.IsNotMemberOf,
            InRange = range,
            NotInRange = entry.NotInRange,
            LessThan = entry.LessThan,
            LessThanEq = entry.LessThanEq,
            GreaterThan = entry.GreaterThan,
            GreaterThanEq = entry.GreaterThanEq,
        };
    }

    private static IEnumerable<string> ListNames(GpcProofConfig config)
    {
        foreach (GpcProofObjectConfig pod in config.Pods.Values)
        {
            foreach (IGpcEntryConfig entry in pod.Entries.Values.Cast<IGpcEntryConfig>().Append(pod.ContentId).Append(pod.SignerPublicKey).OfType<IGpcEntryConfig>())
            {
                foreach (string? list in new[] { entry.IsMemberOf, entry.IsNotMemberOf })
                {
                    if (list is not null)
                    {
                        yield return list;
                    }
                }
            }
        }

        foreach (GpcProofTupleConfig tuple in config.Tuples?.Values ?? [])
        {
            foreach (string? list in new[] { tuple.IsMemberOf, tuple.IsNotMemberOf })
            {
                if (list is not null)
                {
                    yield return list;
                }
            }
        }
    }
}
