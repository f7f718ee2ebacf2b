using System.Globalization;
using System.Numerics;

namespace Pod.Gpc;

/// <summary>
/// Every rule @pcd/gpc's gpcChecks enforces on configs, inputs, bound configs and claims, in the
/// reference's order (the first broken rule is the one reported), each as a <see cref="GpcConfigException"/>
/// with the path of the offending field. Where a rule only exists in JavaScript because values are untyped
/// (a boolean that is a string), the C# types enforce it instead.
/// </summary>
internal static class GpcChecks
{
    public const string ConfigParam = "proofConfig";
    public const string InputsParam = "proofInputs";
    public const string BoundConfigParam = "boundConfig";
    public const string ClaimsParam = "revealedClaims";

    /// <summary>The smallest and largest bound of a range check, the POD int range.</summary>
    private static readonly BigInteger IntMin = PodValue.IntMin;
    private static readonly BigInteger IntMax = PodValue.IntMax;

    private static readonly string[] InequalityNames = ["lessThan", "lessThanEq", "greaterThan", "greaterThanEq"];

    /// <summary>One (non-)membership check of an entry or tuple (an entry of listConfigFromProofConfig).</summary>
    internal sealed record ListCheck(string Identifier, bool IsMembership, string ListName, string Path);

    /// <summary>checkProofArgs: the config, the inputs, and how they fit together; the merged requirements.</summary>
    public static GpcRequirements CheckProofArgs(GpcProofConfig config, GpcProofInputs inputs)
    {
        GpcRequirements requirements = CheckProofConfig(config, ConfigParam).Merge(CheckProofInputs(inputs));
        CheckProofInputsForConfig(config, inputs);
        return requirements;
    }

    /// <summary>checkVerifyArgs: the bound config, the claims, and how they fit together.</summary>
    public static GpcRequirements CheckVerifyArgs(GpcBoundConfig boundConfig, GpcProofConfig config, GpcRevealedClaims claims)
    {
        GpcRequirements requirements = CheckBoundConfig(boundConfig, config, BoundConfigParam).Merge(CheckRevealedClaims(claims, ClaimsParam));
        CheckVerifyClaimsForConfig(config, claims);
        return requirements;
    }

    /// <summary>checkBoundConfig: a circuit identifier, then every rule of a proof config.</summary>
    public static GpcRequirements CheckBoundConfig(GpcBoundConfig boundConfig, GpcProofConfig config, string param)
    {
        if (string.IsNullOrEmpty(boundConfig.CircuitIdentifier))
        {
            throw Error(param, "circuitIdentifier", "A bound config must include its circuit identifier.");
        }

        return CheckProofConfig(config, param);
    }

    /// <summary>checkProofConfig: every rule of a proof config on its own; its circuit requirements.</summary>
    public static GpcRequirements CheckProofConfig(GpcProofConfig config, string param)
    {
        if (config.Pods.Count == 0)
        {
            throw Error(param, "pods", "A proof config must prove at least one POD.");
        }

        int totalEntries = 0;
        int merkleDepth = 0;
        bool ownerV3 = false, ownerV4 = false;
        var boundsChecked = new Dictionary<string, int>(StringComparer.Ordinal);
        var inequalities = new List<(string Identifier, string Path, List<(string Kind, string Other)> Checks)>();
        foreach (var (podName, podConfig) in config.Pods)
        {
            CheckName(param, $"pods.{podName}", podName, "POD");
            if (podConfig.Entries.Count == 0)
            {
                throw Error(param, $"pods.{podName}.entries", $"The POD {Quote(podName)} must prove at least one entry.");
            }

            foreach (var (entryName, entryConfig) in podConfig.Entries)
            {
                string path = $"pods.{podName}.entries.{entryName}";
                CheckName(param, path, entryName, "entry");
                string identifier = EntryIdentifiers.Make(podName, entryName);
                CheckCommonEntryConfig(param, path, identifier, entryConfig, entryConfig.IsOwnerId);
                int bounds = CheckBoundsConfig(param, path, identifier, entryConfig);
                if (bounds > 0)
                {
                    boundsChecked[identifier] = bounds;
                }

                var entryInequalities = CheckInequalityConfig(param, path, entryConfig);
                if (entryInequalities.Count > 0)
                {
                    inequalities.Add((identifier, path, entryInequalities));
                }

                ownerV3 |= entryConfig.IsOwnerId == GpcIdentityProtocol.SemaphoreV3;
                ownerV4 |= entryConfig.IsOwnerId == GpcIdentityProtocol.SemaphoreV4;
            }

            totalEntries += podConfig.Entries.Count;
            merkleDepth = Math.Max(merkleDepth, MinMerkleDepth(podConfig.Entries.Count));
            if (podConfig.ContentId is { } contentId)
            {
                CheckCommonEntryConfig(param, $"pods.{podName}.contentID", EntryIdentifiers.Make(podName, EntryIdentifiers.ContentId), contentId, null);
            }

            if (podConfig.SignerPublicKey is { } signer)
            {
                CheckCommonEntryConfig(param, $"pods.{podName}.signerPublicKey", EntryIdentifiers.Make(podName, EntryIdentifiers.SignerPublicKey), signer, null);
            }
        }

        // Both sides of an entry inequality need a range check, or the comparison circuit is
        // underconstrained: the entries with inequalities first, then the entries they name.
        var inequalityEntries = inequalities.Select(i => (i.Identifier, Path: i.Path))
            .Concat(inequalities.SelectMany(i => i.Checks.Select(c => (Identifier: c.Other, Path: $"{i.Path}.{c.Kind}"))));
        foreach (var (identifier, path) in inequalityEntries)
        {
            if (!boundsChecked.ContainsKey(identifier))
            {
                throw Error(param, path, $"The entry {identifier} needs a bounds check (inRange or notInRange) to be used in an entry inequality.");
            }
        }

        if (config.Tuples is not null)
        {
            CheckTupleConfig(param, config);
        }

        int nLists = ListConfig(config, param).Count;
        CheckComparedEntriesProven(param, config);
        var tupleArities = (config.Tuples ?? new Dictionary<string, GpcProofTupleConfig>())
            .Select(t => new KeyValuePair<string, int>(t.Key, t.Value.Entries.Count)).ToArray();
        return new GpcRequirements(
            config.Pods.Count,
            totalEntries,
            merkleDepth,
            boundsChecked.Values.Sum(),
            inequalities.Sum(i => i.Checks.Count),
            nLists,
            nLists > 0 ? 1 : 0,
            tupleArities,
            ownerV3,
            ownerV4);
    }

    /// <summary>
    /// The (non-)membership checks of a config in the reference's order (listConfigFromProofConfig): per
    /// POD its content ID, signer key and entries, then the tuples.
    /// </summary>
    public static List<ListCheck> ListConfig(GpcProofConfig config, string param)
    {
        var checks = new List<ListCheck>();
        foreach (var (podName, podConfig) in config.Pods)
        {
            AddListCheck(checks, param, podConfig.ContentId, EntryIdentifiers.Make(podName, EntryIdentifiers.ContentId), $"pods.{podName}.contentID");
            AddListCheck(checks, param, podConfig.SignerPublicKey, EntryIdentifiers.Make(podName, EntryIdentifiers.SignerPublicKey), $"pods.{podName}.signerPublicKey");
            foreach (var (entryName, entryConfig) in podConfig.Entries)
            {
                AddListCheck(checks, param, entryConfig, EntryIdentifiers.Make(podName, entryName), $"pods.{podName}.entries.{entryName}");
            }
        }

        foreach (var (tupleName, tupleConfig) in config.Tuples ?? new Dictionary<string, GpcProofTupleConfig>())
        {
            AddListCheck(checks, param, tupleConfig.IsMemberOf, tupleConfig.IsNotMemberOf, EntryIdentifiers.TuplePrefix + tupleName, $"tuples.{tupleName}");
        }

        return checks;
    }

    /// <summary>checkProofInputs: the inputs on their own; their circuit requirements.</summary>
    public static GpcRequirements CheckProofInputs(GpcProofInputs inputs)
    {
        int merkleDepth = 0;
        foreach (var (podName, pod) in inputs.Pods)
        {
            CheckName(InputsParam, $"pods.{podName}", podName, "POD");
            merkleDepth = Math.Max(merkleDepth, pod.Content.MerkleTreeDepth);
        }

        if (inputs.Owner is { ExternalNullifier: not null, SemaphoreV3: null, SemaphoreV4: null })
        {
            throw Error(InputsParam, "owner.externalNullifier", "An external nullifier needs an owner identity (SemaphoreV3 or SemaphoreV4) to tie it to.");
        }

        int maxListSize = inputs.MembershipLists is null ? 0 : CheckMembershipLists(InputsParam, inputs.MembershipLists);

        // As the reference does, the inputs ask for as many entries as PODs.
        return new GpcRequirements(inputs.Pods.Count, inputs.Pods.Count, merkleDepth, 0, 0, 0, maxListSize, [], false, false);
    }

    /// <summary>checkProofInputsForConfig: the inputs hold what the config names, and satisfy its constraints.</summary>
    public static void CheckProofInputsForConfig(GpcProofConfig config, GpcProofInputs inputs)
    {
        if (config.Pods.Count != inputs.Pods.Count)
        {
            throw Error(InputsParam, "pods", Invariant($"The config proves {config.Pods.Count} PODs but the inputs hold {inputs.Pods.Count}."));
        }

        bool hasOwnerEntry = false;
        foreach (var (podName, podConfig) in config.Pods)
        {
            if (!inputs.Pods.TryGetValue(podName, out SignedPod? pod))
            {
                throw Error(InputsParam, $"pods.{podName}", $"The config proves the POD {Quote(podName)}, which the inputs do not hold.");
            }

            foreach (var (entryName, entryConfig) in podConfig.Entries)
            {
                string identifier = EntryIdentifiers.Make(podName, entryName);
                string path = $"pods.{podName}.entries.{entryName}";
                PodValue value = EntryIdentifiers.Resolve(entryName, pod)
                    ?? throw Error(InputsParam, path, $"The config proves the entry {identifier}, which the input POD does not have.");
                if (entryConfig.IsOwnerId is { } protocol)
                {
                    hasOwnerEntry = true;
                    CheckOwner(inputs.Owner, protocol, identifier, path, value);
                }

                if ((entryConfig.EqualsEntry ?? entryConfig.NotEqualsEntry) is { } other)
                {
                    bool wantEqual = entryConfig.EqualsEntry is not null;
                    PodValue otherValue = EntryIdentifiers.Resolve(other, inputs.Pods)
                        ?? throw Error(InputsParam, path, $"The entry {identifier} should{(wantEqual ? "" : " not")} equal {other}, which the inputs do not have.");
                    if ((otherValue.Hash == value.Hash) != wantEqual)
                    {
                        throw Error(InputsParam, path, $"The entry {identifier} should{(wantEqual ? "" : " not")} equal {other}, but it does{(wantEqual ? " not" : "")}.");
                    }
                }

                CheckBoundsInput(InputsParam, path, identifier, entryConfig, value);
                CheckInequalityInputs(inputs, path, identifier, entryConfig, value);
            }
        }

        if (inputs.Owner?.ExternalNullifier is not null && !hasOwnerEntry)
        {
            throw Error(InputsParam, "owner.externalNullifier", "An external nullifier needs an owner entry (isOwnerID) in the config; otherwise it is tied to nothing.");
        }

        if (config.UniquePods == true)
        {
            var contentIds = new HashSet<Pod.Cryptography.Fields.Fr>();
            if (!inputs.Pods.Values.All(p => contentIds.Add(p.ContentId)))
            {
                throw Error(InputsParam, "pods", "The config asks for unique PODs (uniquePODs), but two input PODs have the same content ID.");
            }
        }

        CheckListInputs(config, inputs);
    }

    /// <summary>checkRevealedClaims: the claims on their own; their circuit requirements.</summary>
    public static GpcRequirements CheckRevealedClaims(GpcRevealedClaims claims, string param)
    {
        int totalEntries = 0;
        int merkleDepth = 0;
        foreach (var (podName, podClaims) in claims.Pods)
        {
            CheckName(param, $"pods.{podName}", podName, "POD");
            int entries = 0;
            if (podClaims.Entries is not null)
            {
                foreach (string entryName in podClaims.Entries.Keys)
                {
                    CheckName(param, $"pods.{podName}.entries.{entryName}", entryName, "entry");
                    entries++;
                }

                if (entries == 0)
                {
                    throw Error(param, $"pods.{podName}.entries", $"The revealed entries of POD {Quote(podName)} must be absent, not empty.");
                }
            }

            totalEntries += entries;
            merkleDepth = Math.Max(merkleDepth, MinMerkleDepth(entries));
        }

        if (claims.Owner is { NullifierHashV3: null, NullifierHashV4: null })
        {
            throw Error(param, "owner.nullifierHashV4", "Owner claims must hold a nullifier hash (nullifierHashV3 or nullifierHashV4).");
        }

        int maxListSize = claims.MembershipLists is null ? 0 : CheckMembershipLists(param, claims.MembershipLists);
        return new GpcRequirements(claims.Pods.Count, totalEntries, merkleDepth, 0, 0, 0, maxListSize, [], false, false);
    }

    /// <summary>checkVerifyClaimsForConfig: the claims reveal exactly what the bound config reveals.</summary>
    public static void CheckVerifyClaimsForConfig(GpcProofConfig config, GpcRevealedClaims claims)
    {
        foreach (var (podName, podConfig) in config.Pods)
        {
            claims.Pods.TryGetValue(podName, out GpcRevealedObjectClaims? podClaims);
            foreach (var (entryName, entryConfig) in podConfig.Entries)
            {
                if (!entryConfig.IsRevealed)
                {
                    continue;
                }

                string identifier = EntryIdentifiers.Make(podName, entryName);
                if (podClaims is null)
                {
                    throw Error(ClaimsParam, $"pods.{podName}", $"The config reveals the entry {identifier}, but the claims reveal nothing of POD {Quote(podName)}.");
                }

                if (podClaims.Entries is null)
                {
                    throw Error(ClaimsParam, $"pods.{podName}.entries", $"The config reveals the entry {identifier}, but the claims reveal no entries of POD {Quote(podName)}.");
                }

                if (!podClaims.Entries.TryGetValue(entryName, out PodValue? revealed))
                {
                    throw Error(ClaimsParam, $"pods.{podName}.entries.{entryName}", $"The config reveals the entry {identifier}, which the claims do not hold.");
                }

                CheckBoundsInput(ClaimsParam, $"pods.{podName}.entries.{entryName}", identifier, entryConfig, revealed);
            }

            if (podConfig.ContentId?.IsRevealed ?? false)
            {
                if (podClaims?.ContentId is null)
                {
                    throw Error(ClaimsParam, $"pods.{podName}.contentID", $"The config reveals the content ID of POD {Quote(podName)}, which the claims do not hold.");
                }
            }

            if (podConfig.SignerPublicKey?.IsRevealed ?? true)
            {
                if (podClaims?.SignerPublicKey is null)
                {
                    throw Error(ClaimsParam, $"pods.{podName}.signerPublicKey", $"The config reveals the signer's public key of POD {Quote(podName)}, which the claims do not hold.");
                }
            }
        }

        foreach (string podName in claims.Pods.Keys)
        {
            if (!config.Pods.ContainsKey(podName))
            {
                throw Error(ClaimsParam, $"pods.{podName}", $"The claims reveal the POD {Quote(podName)}, which the config does not prove (it proves {string.Join(", ", config.Pods.Keys)}).");
            }
        }

        foreach (var (podName, podClaims) in claims.Pods)
        {
            GpcProofObjectConfig podConfig = config.Pods[podName];
            if (podClaims.ContentId is not null && podConfig.ContentId is null)
            {
                throw Error(ClaimsParam, $"pods.{podName}.contentID", $"The claims reveal the content ID of POD {Quote(podName)}, which the config does not configure.");
            }

            if (podClaims.SignerPublicKey is null && podConfig.SignerPublicKey is null)
            {
                throw Error(ClaimsParam, $"pods.{podName}.signerPublicKey", $"The claims hide the signer's public key of POD {Quote(podName)}, which the config reveals by default.");
            }

            foreach (string entryName in podClaims.Entries?.Keys ?? [])
            {
                string path = $"pods.{podName}.entries.{entryName}";
                if (!podConfig.Entries.TryGetValue(entryName, out GpcProofEntryConfig? entryConfig))
                {
                    throw Error(ClaimsParam, path, $"The claims reveal the entry {podName}.{entryName}, which the config does not prove.");
                }

                if (!entryConfig.IsRevealed)
                {
                    throw Error(ClaimsParam, path, $"The claims reveal the entry {podName}.{entryName}, which the config does not reveal.");
                }
            }
        }

        CheckListNames(ClaimsParam, ListConfig(config, BoundConfigParam), claims.MembershipLists);
    }

    /// <summary>
    /// checkCircuitRequirements: the named circuit, which must fit, or else the cheapest that fits. The
    /// error says which limits are exceeded.
    /// </summary>
    public static GpcCircuitDescription CheckCircuitRequirements(GpcRequirements requirements, string? circuitIdentifier, string param)
    {
        if (circuitIdentifier is not null)
        {
            if (circuitIdentifier.Split('_').Length != 2)
            {
                throw Error(param, "circuitIdentifier", $"Invalid circuit identifier {Quote(circuitIdentifier)}: it must have the form familyName_circuitName.");
            }

            if (!GpcCircuitFamily.TryFind(circuitIdentifier, out GpcCircuitDescription? named))
            {
                throw Error(param, "circuitIdentifier", $"Unknown circuit {Quote(circuitIdentifier)}: it is not one of the {GpcCircuitFamily.All.Count} {GpcCircuitFamily.FamilyName} circuits.");
            }

            List<string> exceeded = requirements.Exceeded(named.Limits);
            if (exceeded.Count > 0)
            {
                throw Error(param, "circuitIdentifier", $"The circuit {Quote(circuitIdentifier)} does not meet the proof's requirements: it needs {string.Join("; ", exceeded)}.");
            }

            return named;
        }

        return GpcCircuitFamily.Pick(requirements) ?? throw NoCircuitFits(requirements, param);
    }

    private static GpcConfigException NoCircuitFits(GpcRequirements requirements, string param)
    {
        // Name the limits beyond every circuit; when there are none, it is the combination that fails.
        GpcCircuitLimits envelope = GpcCircuitLimits.Envelope(GpcCircuitFamily.All.Select(c => c.Limits));
        List<string> beyondAll = requirements.Exceeded(envelope);
        string detail = beyondAll.Count > 0
            ? $"it needs {string.Join("; ", beyondAll)}, beyond every circuit"
            : $"no single circuit has all of {requirements}";
        string path = requirements.MaxListSize > envelope.MaxListElements ? "membershipLists"
            : requirements.TupleArities.Count > 0 && beyondAll.Any(e => e.Contains("tuples", StringComparison.Ordinal)) ? "tuples"
            : "pods";
        return Error(param, path, $"No {GpcCircuitFamily.FamilyName} circuit fits the proof: {detail}.");
    }

    private static void CheckCommonEntryConfig(string param, string path, string identifier, IGpcEntryConfig config, GpcIdentityProtocol? ownerId)
    {
        if (ownerId is { } protocol)
        {
            if (!Enum.IsDefined(protocol))
            {
                throw Error(param, $"{path}.isOwnerID", $"Invalid owner ID type {protocol} for entry {identifier}: it must be SemaphoreV3 or SemaphoreV4.");
            }

            if (config.EqualsEntry is not null)
            {
                throw Error(param, $"{path}.equalsEntry", $"The entry {identifier} cannot use both isOwnerID and equalsEntry (they share circuitry; put equalsEntry on the other entry).");
            }

            if (config.NotEqualsEntry is not null)
            {
                throw Error(param, $"{path}.notEqualsEntry", $"The entry {identifier} cannot use both isOwnerID and notEqualsEntry (they share circuitry; put notEqualsEntry on the other entry).");
            }
        }

        if (config.EqualsEntry is not null && config.NotEqualsEntry is not null)
        {
            throw Error(param, $"{path}.notEqualsEntry", $"The entry {identifier} cannot use both equalsEntry and notEqualsEntry.");
        }

        CheckIdentifier(param, $"{path}.equalsEntry", config.EqualsEntry);
        CheckIdentifier(param, $"{path}.notEqualsEntry", config.NotEqualsEntry);
    }

    /// <summary>
    /// An entry compared with equalsEntry or notEqualsEntry must be one the config proves (or a virtual entry
    /// of a proven POD), or the comparison has no slot in the circuit. The reference finds this only when
    /// compiling (gpcPreProve, gpcPreVerify); checking it here refuses at binding a config that could never
    /// be proven.
    /// </summary>
    private static void CheckComparedEntriesProven(string param, GpcProofConfig config)
    {
        foreach (var (podName, podConfig) in config.Pods)
        {
            var compared = podConfig.Entries.Select(e => ($"pods.{podName}.entries.{e.Key}", (IGpcEntryConfig?)e.Value))
                .Append(($"pods.{podName}.contentID", podConfig.ContentId))
                .Append(($"pods.{podName}.signerPublicKey", podConfig.SignerPublicKey));
            foreach (var (path, entryConfig) in compared)
            {
                foreach (var (field, other) in new[] { ("equalsEntry", entryConfig?.EqualsEntry), ("notEqualsEntry", entryConfig?.NotEqualsEntry) })
                {
                    if (other is null)
                    {
                        continue;
                    }

                    var (otherPod, otherEntry) = EntryIdentifiers.Split(other);
                    if (!config.Pods.TryGetValue(otherPod, out GpcProofObjectConfig? otherConfig)
                        || !(EntryIdentifiers.IsVirtualName(otherEntry) || otherConfig.Entries.ContainsKey(otherEntry)))
                    {
                        throw Error(param, $"{path}.{field}", $"The entry {other} named by {path}.{field} is not proven by the config; add it to the config to compare with it.");
                    }
                }
            }
        }
    }

    private static int CheckBoundsConfig(string param, string path, string identifier, GpcProofEntryConfig config)
    {
        foreach (var (interval, field) in new[] { (config.InRange, "inRange"), (config.NotInRange, "notInRange") })
        {
            if (interval is { } i && i.Min > i.Max)
            {
                throw Error(param, $"{path}.{field}", $"The {field} interval {i} of entry {identifier} has its minimum above its maximum.");
            }
        }

        // The reference checks the canonical intervals: an out-of-range end that canonicalization cuts off passes.
        var (inRange, notInRange) = GpcCanonicalizer.Bounds(config.InRange, config.NotInRange);
        int count = 0;
        foreach (var (interval, field, what) in new[] { (inRange, "inRange", "bounds check"), (notInRange, "notInRange", "out of bounds check") })
        {
            if (interval is not { } i)
            {
                continue;
            }

            if (i.Min < IntMin)
            {
                throw Error(param, $"{path}.{field}", $"The minimum {i.Min} of the {what} of entry {identifier} is below the smallest admissible value {IntMin}.");
            }

            if (i.Max > IntMax)
            {
                throw Error(param, $"{path}.{field}", $"The maximum {i.Max} of the {what} of entry {identifier} is above the largest admissible value {IntMax}.");
            }

            count++;
        }

        if (inRange is { } included && notInRange is { } excluded && included.Min >= excluded.Min && included.Max <= excluded.Max)
        {
            throw Error(param, $"{path}.notInRange", $"The range constraints of entry {identifier} are incompatible: inRange {included} lies inside notInRange {excluded}.");
        }

        return count;
    }

    private static List<(string Kind, string Other)> CheckInequalityConfig(string param, string path, GpcProofEntryConfig config)
    {
        var checks = new List<(string, string)>();
        string?[] others = [config.LessThan, config.LessThanEq, config.GreaterThan, config.GreaterThanEq];
        for (int i = 0; i < others.Length; i++)
        {
            if (others[i] is { } other)
            {
                CheckIdentifier(param, $"{path}.{InequalityNames[i]}", other);
                checks.Add((InequalityNames[i], other));
            }
        }

        return checks;
    }

    private static void CheckTupleConfig(string param, GpcProofConfig config)
    {
        foreach (var (tupleName, tupleConfig) in config.Tuples!)
        {
            CheckName(param, $"tuples.{tupleName}", tupleName, "tuple");
            if (tupleConfig.Entries.Count < 2)
            {
                throw Error(param, $"tuples.{tupleName}.entries", Invariant($"The tuple {Quote(tupleName)} has {tupleConfig.Entries.Count} entries; tuples must have arity at least 2."));
            }

            for (int i = 0; i < tupleConfig.Entries.Count; i++)
            {
                string path = Invariant($"tuples.{tupleName}.entries.{i}");
                string identifier = tupleConfig.Entries[i];
                CheckIdentifier(param, path, identifier);
                var (podName, entryName) = EntryIdentifiers.Split(identifier);
                if (!config.Pods.TryGetValue(podName, out GpcProofObjectConfig? podConfig))
                {
                    throw Error(param, path, $"The tuple {Quote(tupleName)} refers to the entry {entryName} of POD {Quote(podName)}, which the config does not prove.");
                }

                if (!EntryIdentifiers.IsVirtualName(entryName) && !podConfig.Entries.ContainsKey(entryName))
                {
                    throw Error(param, path, $"The tuple {Quote(tupleName)} refers to the entry {identifier}, which the config does not prove.");
                }
            }
        }
    }

    private static void AddListCheck(List<ListCheck> checks, string param, IGpcEntryConfig? config, string identifier, string path) =>
        AddListCheck(checks, param, config?.IsMemberOf, config?.IsNotMemberOf, identifier, path);

    private static void AddListCheck(List<ListCheck> checks, string param, string? isMemberOf, string? isNotMemberOf, string identifier, string path)
    {
        if (isMemberOf is null && isNotMemberOf is null)
        {
            return;
        }

        if (isMemberOf is not null && isNotMemberOf is not null)
        {
            throw Error(param, $"{path}.isNotMemberOf", $"Both a membership and a non-membership list are given for {identifier}; use one list (the difference of the two).");
        }

        string field = isMemberOf is not null ? "isMemberOf" : "isNotMemberOf";
        string listName = (isMemberOf ?? isNotMemberOf)!;
        CheckName(param, $"{path}.{field}", listName, "list");
        checks.Add(new ListCheck(identifier, isMemberOf is not null, listName, $"{path}.{field}"));
    }

    private static int CheckMembershipLists(string param, IReadOnlyDictionary<string, GpcMembershipList> lists)
    {
        foreach (var (listName, list) in lists)
        {
            CheckName(param, $"membershipLists.{listName}", listName, "list");
            if (list.Count == 0)
            {
                throw Error(param, $"membershipLists.{listName}", $"The membership list {Quote(listName)} is empty.");
            }
        }

        foreach (var (listName, list) in lists)
        {
            if (list.IsTupleList && list.Elements.FirstOrDefault(e => e.Count < 2) is { } shortTuple)
            {
                throw Error(param, $"membershipLists.{listName}", Invariant($"The membership list {Quote(listName)} holds a tuple of arity {shortTuple.Count}; tuples must have arity at least 2."));
            }

            int width = list.Elements[0].Count;
            if (list.Elements.FirstOrDefault(e => e.Count != width) is { } other)
            {
                throw Error(param, $"membershipLists.{listName}", Invariant($"The membership list {Quote(listName)} mixes elements of width {width} and {other.Count}."));
            }
        }

        // No lists (an empty "membershipLists" object) need no list elements, as the reference's Math.max of nothing
        // never exceeds a circuit's limit.
        return lists.Count == 0 ? 0 : lists.Values.Max(l => l.Count);
    }

    private static void CheckOwner(GpcProofOwnerInputs? owner, GpcIdentityProtocol protocol, string identifier, string path, PodValue value)
    {
        if (owner is null || (owner.SemaphoreV3 is null && owner.SemaphoreV4 is null))
        {
            throw Error(InputsParam, "owner", $"The config makes {identifier} an owner entry, but the inputs give no owner identity.");
        }

        bool v3 = protocol == GpcIdentityProtocol.SemaphoreV3;
        string ownerPath = v3 ? "owner.semaphoreV3" : "owner.semaphoreV4";
        if (v3 ? owner.SemaphoreV3 is null : owner.SemaphoreV4 is null)
        {
            throw Error(InputsParam, ownerPath, $"The owner entry {identifier} is a {protocol} owner, but the inputs give no {protocol} identity.");
        }

        // The reference compares a V4 key's text with the identity's Base64 key; comparing the keys also
        // accepts an entry written in hex, which the circuit (comparing hashes) accepts too.
        bool matches = (v3, value) switch
        {
            (true, PodCryptographicValue c) => c.Element == owner.SemaphoreV3!.Commitment,
            (false, PodEdDsaPublicKeyValue k) => k.Value == owner.SemaphoreV4!.PublicKey,
            _ => throw Error(InputsParam, path, $"The owner entry {identifier} holds a {TypeName(value)} value; a SemaphoreV3 owner entry must be cryptographic (the commitment) and a SemaphoreV4 owner entry eddsa_pubkey (the public key)."),
        };
        if (!matches)
        {
            throw Error(InputsParam, ownerPath, $"The owner entry {identifier} does not hold the given {protocol} identity's {(v3 ? "commitment" : "public key")}.");
        }
    }

    private static void CheckBoundsInput(string param, string path, string identifier, GpcProofEntryConfig config, PodValue value)
    {
        if (config.InRange is { } inRange)
        {
            BigInteger n = ArithmeticValue(param, path, identifier, value, "a bounds check");
            if (n < inRange.Min)
            {
                throw Error(param, path, $"The entry {identifier} is less than its prescribed minimum value {inRange.Min}.");
            }

            if (n > inRange.Max)
            {
                throw Error(param, path, $"The entry {identifier} is greater than its prescribed maximum value {inRange.Max}.");
            }
        }

        if (config.NotInRange is { } notInRange)
        {
            BigInteger n = ArithmeticValue(param, path, identifier, value, "an out of bounds check");
            if (notInRange.Min <= n && n <= notInRange.Max)
            {
                throw Error(param, path, $"The entry {identifier} does not lie outside the interval {notInRange}.");
            }
        }
    }

    private static BigInteger ArithmeticValue(string param, string path, string identifier, PodValue value, string what) =>
        value.IsArithmetic
            ? value.CircuitValue!.Value
            : throw Error(param, path, $"The config gives the entry {identifier} {what}, but its value is {TypeName(value)}, not a bounded arithmetic type (int, boolean or date).");

    private static void CheckInequalityInputs(GpcProofInputs inputs, string path, string identifier, GpcProofEntryConfig config, PodValue value)
    {
        (string? Other, string Words, Func<BigInteger, BigInteger, bool> Holds)[] checks =
        [
            (config.LessThan, "less than", (a, b) => a < b),
            (config.LessThanEq, "less than or equal to", (a, b) => a <= b),
            (config.GreaterThan, "greater than", (a, b) => a > b),
            (config.GreaterThanEq, "greater than or equal to", (a, b) => a >= b),
        ];
        foreach (var (other, words, holds) in checks)
        {
            if (other is null)
            {
                continue;
            }

            // Both sides have a bounds check (checked with the config), so both are arithmetic once their own
            // bounds checks pass; the other entry's may not have run yet.
            PodValue otherValue = EntryIdentifiers.Resolve(other, inputs.Pods)
                ?? throw Error(InputsParam, path, $"The entry {identifier} should be {words} {other}, which the inputs do not have.");
            BigInteger a = ArithmeticValue(InputsParam, path, identifier, value, "an entry inequality");
            BigInteger b = ArithmeticValue(InputsParam, EntryIdentifiers.ConfigPath(other), other, otherValue, "a bounds check");
            if (!holds(a, b))
            {
                throw Error(InputsParam, path, $"The entry {identifier} should be {words} the entry {other}, but it is not.");
            }
        }
    }

    private static void CheckListInputs(GpcProofConfig config, GpcProofInputs inputs)
    {
        List<ListCheck> listChecks = ListConfig(config, ConfigParam);
        CheckListNames(InputsParam, listChecks, inputs.MembershipLists);
        if (inputs.MembershipLists is null)
        {
            return;
        }

        foreach (ListCheck check in listChecks)
        {
            GpcMembershipList list = inputs.MembershipLists[check.ListName];
            PodValue[] comparison = ResolveComparison(config, inputs, check);
            if (list.Elements.FirstOrDefault(e => e.Count != comparison.Length) is { } element)
            {
                throw Error(InputsParam, $"membershipLists.{check.ListName}", Invariant($"The membership list {Quote(check.ListName)} holds an element of width {element.Count}, but {check.Identifier} has width {comparison.Length}."));
            }

            bool found = list.Elements.Any(e => e.Select(v => v.Hash).SequenceEqual(comparison.Select(v => v.Hash)));
            if (found != check.IsMembership)
            {
                string shown = comparison.Length == 1 ? comparison[0].ToString() : "[" + string.Join(",", comparison.Select(v => v.ToString())) + "]";
                throw Error(InputsParam, $"membershipLists.{check.ListName}", $"The value {shown} of {check.Identifier} is {(found ? "" : "not ")}a member of the list {Quote(check.ListName)}.");
            }
        }
    }

    private static PodValue[] ResolveComparison(GpcProofConfig config, GpcProofInputs inputs, ListCheck check)
    {
        if (!check.Identifier.StartsWith(EntryIdentifiers.TuplePrefix, StringComparison.Ordinal))
        {
            return [EntryIdentifiers.Resolve(check.Identifier, inputs.Pods)
                ?? throw Error(InputsParam, check.Path, $"The value of {check.Identifier}, to compare with the list {Quote(check.ListName)}, is not in the inputs.")];
        }

        string tupleName = check.Identifier[EntryIdentifiers.TuplePrefix.Length..];
        return config.Tuples![tupleName].Entries
            .Select(id => EntryIdentifiers.Resolve(id, inputs.Pods)
                ?? throw Error(InputsParam, $"tuples.{tupleName}", $"The entry {id} of tuple {Quote(tupleName)} has no value in the inputs."))
            .ToArray();
    }

    private static void CheckListNames(string param, List<ListCheck> checks, IReadOnlyDictionary<string, GpcMembershipList>? lists)
    {
        var expected = checks.Select(c => c.ListName).Distinct().ToList();
        var given = lists?.Keys.ToList() ?? [];
        if (expected.Count != given.Count || !expected.All(given.Contains))
        {
            throw Error(param, "membershipLists", $"The config names the lists [{string.Join(", ", expected)}] but the {(param == ClaimsParam ? "claims" : "inputs")} hold [{string.Join(", ", given)}]; they must be the same.");
        }
    }

    private static void CheckIdentifier(string param, string path, string? identifier)
    {
        if (identifier is not null && !EntryIdentifiers.TrySplit(identifier, out _, out _))
        {
            throw Error(param, path, $"Invalid entry identifier {Quote(identifier)} at {path}: it must have the form podName.entryName, or podName.$contentID or podName.$signerPublicKey.");
        }
    }

    private static void CheckName(string param, string path, string name, string what)
    {
        if (!PodNames.IsValid(name))
        {
            throw Error(param, path, $"Invalid {what} name {Quote(name)} at {path}: names must match [A-Za-z_][A-Za-z0-9_]*.");
        }
    }

    /// <summary>The Merkle depth of a POD with this many entries, ceil(log2(2n)) (calcMinMerkleDepthForEntries; 0 for none).</summary>
    private static int MinMerkleDepth(int entries)
    {
        int depth = 0;
        while (entries > 0 && (1L << depth) < 2L * entries)
        {
            depth++;
        }

        return depth;
    }

    /// <summary>The reference's name of a value's type (string, bytes, cryptographic, int, boolean, eddsa_pubkey, date, null).</summary>
    private static string TypeName(PodValue value) => value.Type switch
    {
        PodValueType.EdDsaPublicKey => "eddsa_pubkey",
        var type => type.ToString().ToLowerInvariant(),
    };

    private static GpcConfigException Error(string param, string path, string message) => new(message, path, param);

    private static string Quote(string text) => PodNames.Describe(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
