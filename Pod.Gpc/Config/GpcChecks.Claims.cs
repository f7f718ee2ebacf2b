namespace Pod.Gpc;

/// <summary>The rules of revealed claims, on their own and against their bound config (checkRevealedClaims, checkVerifyClaimsForConfig).</summary>
internal static partial class GpcChecks
{
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
        return GpcRequirements.ForClaims(claims.Pods.Count, totalEntries, merkleDepth, maxListSize);
    }

    /// <summary>checkVerifyClaimsForConfig: the claims reveal exactly what the bound config reveals.</summary>
    public static void CheckVerifyClaimsForConfig(GpcProofConfig config, GpcRevealedClaims claims, IReadOnlyList<ListCheck> lists)
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

        CheckListNames(ClaimsParam, lists, claims.MembershipLists);
    }
}
