namespace Pod.Gpc;

/// <summary>Membership lists: the list checks a config names (listConfigFromProofConfig), the lists themselves, and the values checked against them.</summary>
internal static partial class GpcChecks
{
    /// <summary>One (non-)membership check of an entry or tuple (an entry of listConfigFromProofConfig).</summary>
    internal sealed record ListCheck(string Identifier, bool IsMembership, string ListName, string Path);

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

    private static void CheckListInputs(GpcProofConfig config, GpcProofInputs inputs, IReadOnlyList<ListCheck> listChecks)
    {
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

    private static void CheckListNames(string param, IReadOnlyList<ListCheck> checks, IReadOnlyDictionary<string, GpcMembershipList>? lists)
    {
        var expected = checks.Select(c => c.ListName).Distinct().ToList();
        var given = lists?.Keys.ToList() ?? [];
        if (expected.Count != given.Count || !expected.All(given.Contains))
        {
            throw Error(param, "membershipLists", $"The config names the lists [{string.Join(", ", expected)}] but the {(param == ClaimsParam ? "claims" : "inputs")} hold [{string.Join(", ", given)}]; they must be the same.");
        }
    }
}
