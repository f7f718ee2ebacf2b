using System.Numerics;

namespace Pod.Gpc;

/// <summary>The rules of proof inputs, on their own and against their config (checkProofInputs, checkProofInputsForConfig); the bounds checks of values, which revealed claims share.</summary>
internal static partial class GpcChecks
{
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
        return GpcRequirements.ForInputs(inputs.Pods.Count, merkleDepth, maxListSize);
    }

    /// <summary>checkProofInputsForConfig: the inputs hold what the config names, and satisfy its constraints.</summary>
    public static void CheckProofInputsForConfig(GpcProofConfig config, GpcProofInputs inputs, IReadOnlyList<ListCheck> lists)
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

        CheckListInputs(config, inputs, lists);
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
}
