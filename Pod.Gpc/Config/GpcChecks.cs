using System.Globalization;

namespace Pod.Gpc;

/// <summary>
/// Every rule @pcd/gpc's gpcChecks enforces on configs, inputs, bound configs and claims, in the
/// reference's order (the first broken rule is the one reported), each as a <see cref="GpcConfigException"/>
/// with the path of the offending field. Where a rule only exists in JavaScript because values are untyped
/// (a boolean that is a string), the C# types enforce it instead. One partial file per kind of check: the
/// config (GpcChecks.Config.cs), the inputs (.Inputs.cs), the claims (.Claims.cs), the lists (.Lists.cs) and the
/// circuit requirements (.Circuits.cs); this one holds the entry points and what they share.
/// </summary>
internal static partial class GpcChecks
{
    public const string ConfigParam = "proofConfig";

    public const string InputsParam = "proofInputs";

    public const string BoundConfigParam = "boundConfig";

    public const string ClaimsParam = "revealedClaims";

    /// <summary>What checking a config found: the circuit it needs, and its list checks, kept so that binding and compiling do not recompute them.</summary>
    internal sealed record Checked(GpcRequirements Requirements, IReadOnlyList<ListCheck> Lists);

    /// <summary>checkProofArgs: the config, the inputs, and how they fit together; the merged requirements and the config's list checks.</summary>
    public static Checked CheckProofArgs(GpcProofConfig config, GpcProofInputs inputs)
    {
        Checked configChecked = CheckProofConfig(config, ConfigParam);
        GpcRequirements requirements = configChecked.Requirements.Merge(CheckProofInputs(inputs));
        CheckProofInputsForConfig(config, inputs, configChecked.Lists);
        return configChecked with { Requirements = requirements };
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
