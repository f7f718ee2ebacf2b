using System.Numerics;

namespace Pod.Gpc;

/// <summary>The rules of a proof config or bound config on its own (checkProofConfig, checkBoundConfig).</summary>
internal static partial class GpcChecks
{
    /// <summary>The smallest and largest bound of a range check, the POD int range.</summary>
    private static readonly BigInteger IntMin = PodValue.IntMin;

    private static readonly BigInteger IntMax = PodValue.IntMax;

    private static readonly string[] InequalityNames = ["lessThan", "lessThanEq", "greaterThan", "greaterThanEq"];

    /// <summary>checkBoundConfig: a circuit identifier, then every rule of a proof config.</summary>
    public static Checked CheckBoundConfig(GpcBoundConfig boundConfig, GpcProofConfig config, string param)
    {
        if (string.IsNullOrEmpty(boundConfig.CircuitIdentifier))
        {
            throw Error(param, "circuitIdentifier", "A bound config must include its circuit identifier.");
        }

        return CheckProofConfig(config, param);
    }

    /// <summary>checkProofConfig: every rule of a proof config on its own; its circuit requirements and list checks.</summary>
    public static Checked CheckProofConfig(GpcProofConfig config, string param)
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

        List<ListCheck> lists = ListConfig(config, param);
        CheckComparedEntriesProven(param, config);
        var tupleArities = (config.Tuples ?? new Dictionary<string, GpcProofTupleConfig>())
            .Select(t => new KeyValuePair<string, int>(t.Key, t.Value.Entries.Count)).ToArray();
        GpcRequirements requirements = GpcRequirements.None with
        {
            NObjects = config.Pods.Count,
            NEntries = totalEntries,
            MerkleMaxDepth = merkleDepth,
            NNumericValues = boundsChecked.Values.Sum(),
            NEntryInequalities = inequalities.Sum(i => i.Checks.Count),
            NLists = lists.Count,
            MaxListSize = lists.Count > 0 ? 1 : 0,
            TupleArities = tupleArities,
            IncludeOwnerV3 = ownerV3,
            IncludeOwnerV4 = ownerV4,
        };
        return new Checked(requirements, lists);
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
}
