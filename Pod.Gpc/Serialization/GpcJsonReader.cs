using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;
using Pod.Serialization;

namespace Pod.Gpc;

/// <summary>
/// Reads the GPC JSON forms as the reference's valibot FromJSON schemas do: strict objects (an unknown key
/// is an error), optional fields absent rather than null, names checked, bigints as numbers or
/// <c>BigInt()</c> strings, POD values as podValueFromJSON. Every error is a <see cref="FormatException"/>
/// naming the dotted path of the bad field. Repeated keys, which JSON.parse would let the last win, are
/// refused.
/// </summary>
internal static class GpcJsonReader
{
    private const long MaxSafeInteger = 9_007_199_254_740_991;

    private static readonly string[] ProofConfigKeys = ["circuitIdentifier", "pods", "uniquePODs", "tuples"];
    private static readonly string[] ObjectConfigKeys = ["entries", "contentID", "signerPublicKey"];
    private static readonly string[] CommonKeys = ["isRevealed", "equalsEntry", "notEqualsEntry", "isMemberOf", "isNotMemberOf"];
    private static readonly string[] EntryKeys =
        [.. CommonKeys, "isOwnerID", "inRange", "notInRange", "lessThan", "lessThanEq", "greaterThan", "greaterThanEq"];

    private static readonly string[] IntervalKeys = ["min", "max"];
    private static readonly string[] TupleKeys = ["entries", "isMemberOf", "isNotMemberOf"];
    private static readonly string[] ClaimsKeys = ["pods", "owner", "membershipLists", "watermark"];
    private static readonly string[] ObjectClaimsKeys = ["entries", "contentID", "signerPublicKey"];
    private static readonly string[] ProofRequestKeys = ["proofConfig", "membershipLists", "externalNullifier", "watermark"];
    private static readonly string[] OwnerClaimsKeys = ["externalNullifier", "nullifierHashV3", "nullifierHashV4"];

    public static T Parse<T>(string json, Func<JsonElement, T> read)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            return PodJson.Guard(() => read(document.RootElement));
        }
        catch (JsonException e)
        {
            throw new FormatException($"The text is not valid JSON: {e.Message}", e);
        }
        catch (ArgumentException e) when (JsonTextErrors.IsInvalidText(e))
        {
            throw new FormatException("The text is not well-formed UTF-16 (it holds a lone surrogate).", e);
        }
    }

    /// <summary>A proof config (bound: the circuit identifier is required).</summary>
    public static (string? CircuitIdentifier, Dictionary<string, GpcProofObjectConfig> Pods, bool? UniquePods, Dictionary<string, GpcProofTupleConfig>? Tuples)
        ProofConfig(JsonElement element, bool bound)
    {
        var fields = Fields(element, "", ProofConfigKeys);
        string? circuitIdentifier = OptionalString(fields, "", "circuitIdentifier");
        if (circuitIdentifier is null && bound)
        {
            throw Error("circuitIdentifier", "a bound config must have a circuit identifier");
        }

        if (circuitIdentifier is not null && circuitIdentifier.Split('_').Length != 2)
        {
            throw Error("circuitIdentifier", $"the circuit identifier {Quote(circuitIdentifier)} must have the form familyName_circuitName");
        }

        var pods = Map(Required(fields, "", "pods"), "pods", ObjectConfig);
        bool? uniquePods = fields.TryGetValue("uniquePODs", out JsonElement unique) ? Boolean(unique, "uniquePODs") : null;
        var tuples = fields.TryGetValue("tuples", out JsonElement t) ? Map(t, "tuples", TupleConfig) : null;
        return (circuitIdentifier, pods, uniquePods, tuples);
    }

    public static GpcRevealedClaims RevealedClaims(JsonElement element)
    {
        var fields = Fields(element, "", ClaimsKeys);
        GpcRevealedOwnerClaims? owner = null;
        if (fields.TryGetValue("owner", out JsonElement ownerElement))
        {
            var ownerFields = Fields(ownerElement, "owner", OwnerClaimsKeys);
            owner = new GpcRevealedOwnerClaims
            {
                ExternalNullifier = Value(Required(ownerFields, "owner", "externalNullifier"), "owner.externalNullifier"),
                NullifierHashV3 = OptionalField(ownerFields, "owner", "nullifierHashV3"),
                NullifierHashV4 = OptionalField(ownerFields, "owner", "nullifierHashV4"),
            };
        }

        return new GpcRevealedClaims
        {
            Pods = Map(Required(fields, "", "pods"), "pods", ObjectClaims),
            Owner = owner,
            MembershipLists = fields.TryGetValue("membershipLists", out JsonElement lists) ? MembershipLists(lists, "membershipLists") : null,
            Watermark = fields.TryGetValue("watermark", out JsonElement watermark) ? Value(watermark, "watermark") : null,
        };
    }

    public static Dictionary<string, GpcMembershipList> MembershipLists(JsonElement element, string path) => Map(element, path, List);

    /// <summary>A proof request: its config (checked by the caller), lists (absent: none), external nullifier and watermark.</summary>
    public static Requests.GpcProofRequest ProofRequest(JsonElement element)
    {
        var fields = Fields(element, "", ProofRequestKeys);
        var (circuitIdentifier, pods, uniquePods, tuples) = ProofConfig(Required(fields, "", "proofConfig"), bound: false);
        return new Requests.GpcProofRequest
        {
            ProofConfig = new GpcProofConfig { CircuitIdentifier = circuitIdentifier, Pods = pods, UniquePods = uniquePods, Tuples = tuples },
            MembershipLists = fields.TryGetValue("membershipLists", out JsonElement lists) ? MembershipLists(lists, "membershipLists") : [],
            ExternalNullifier = fields.TryGetValue("externalNullifier", out JsonElement externalNullifier) ? Value(externalNullifier, "externalNullifier") : null,
            Watermark = fields.TryGetValue("watermark", out JsonElement watermark) ? Value(watermark, "watermark") : null,
        };
    }

    private static GpcProofObjectConfig ObjectConfig(JsonElement element, string path)
    {
        var fields = Fields(element, path, ObjectConfigKeys);
        return new GpcProofObjectConfig
        {
            Entries = Map(Required(fields, path, "entries"), $"{path}.entries", EntryConfig),
            ContentId = fields.TryGetValue("contentID", out JsonElement c) ? CommonConfig(c, $"{path}.contentID") : null,
            SignerPublicKey = fields.TryGetValue("signerPublicKey", out JsonElement s) ? CommonConfig(s, $"{path}.signerPublicKey") : null,
        };
    }

    private static GpcProofEntryConfigCommon CommonConfig(JsonElement element, string path)
    {
        var fields = Fields(element, path, CommonKeys);
        return new GpcProofEntryConfigCommon
        {
            IsRevealed = Boolean(Required(fields, path, "isRevealed"), $"{path}.isRevealed"),
            EqualsEntry = OptionalIdentifier(fields, path, "equalsEntry"),
            NotEqualsEntry = OptionalIdentifier(fields, path, "notEqualsEntry"),
            IsMemberOf = OptionalName(fields, path, "isMemberOf"),
            IsNotMemberOf = OptionalName(fields, path, "isNotMemberOf"),
        };
    }

    private static GpcProofEntryConfig EntryConfig(JsonElement element, string path)
    {
        var fields = Fields(element, path, EntryKeys);
        GpcIdentityProtocol? owner = OptionalString(fields, path, "isOwnerID") switch
        {
            null => null,
            "SemaphoreV3" => GpcIdentityProtocol.SemaphoreV3,
            "SemaphoreV4" => GpcIdentityProtocol.SemaphoreV4,
            var other => throw Error($"{path}.isOwnerID", $"the owner ID type {Quote(other)} must be \"SemaphoreV3\" or \"SemaphoreV4\""),
        };
        return new GpcProofEntryConfig
        {
            IsRevealed = Boolean(Required(fields, path, "isRevealed"), $"{path}.isRevealed"),
            IsOwnerId = owner,
            EqualsEntry = OptionalIdentifier(fields, path, "equalsEntry"),
            NotEqualsEntry = OptionalIdentifier(fields, path, "notEqualsEntry"),
            IsMemberOf = OptionalName(fields, path, "isMemberOf"),
            IsNotMemberOf = OptionalName(fields, path, "isNotMemberOf"),
            InRange = fields.TryGetValue("inRange", out JsonElement inRange) ? Interval(inRange, $"{path}.inRange") : null,
            NotInRange = fields.TryGetValue("notInRange", out JsonElement notInRange) ? Interval(notInRange, $"{path}.notInRange") : null,
            LessThan = OptionalIdentifier(fields, path, "lessThan"),
            LessThanEq = OptionalIdentifier(fields, path, "lessThanEq"),
            GreaterThan = OptionalIdentifier(fields, path, "greaterThan"),
            GreaterThanEq = OptionalIdentifier(fields, path, "greaterThanEq"),
        };
    }

    private static GpcClosedInterval Interval(JsonElement element, string path)
    {
        var fields = Fields(element, path, IntervalKeys);
        return new GpcClosedInterval(
            BigInt(Required(fields, path, "min"), $"{path}.min"),
            BigInt(Required(fields, path, "max"), $"{path}.max"));
    }

    private static GpcProofTupleConfig TupleConfig(JsonElement element, string path)
    {
        var fields = Fields(element, path, TupleKeys);
        JsonElement entries = Required(fields, path, "entries");
        if (entries.ValueKind != JsonValueKind.Array)
        {
            throw Error($"{path}.entries", $"expected an array of entry identifiers, not {Describe(entries)}");
        }

        return new GpcProofTupleConfig
        {
            Entries = entries.EnumerateArray().Select((e, i) => Identifier(e, Invariant($"{path}.entries.{i}"))).ToArray(),
            IsMemberOf = OptionalName(fields, path, "isMemberOf"),
            IsNotMemberOf = OptionalName(fields, path, "isNotMemberOf"),
        };
    }

    private static GpcRevealedObjectClaims ObjectClaims(JsonElement element, string path)
    {
        var fields = Fields(element, path, ObjectClaimsKeys);
        EdDsaPublicKey? signer = null;
        if (OptionalString(fields, path, "signerPublicKey") is { } text)
        {
            signer = EdDsaPublicKey.TryParse(text, out EdDsaPublicKey key)
                ? key
                : throw Error($"{path}.signerPublicKey", $"the public key {Quote(text)} is not 32 bytes in hex or Base64 encoding a BabyJubJub point");
        }

        return new GpcRevealedObjectClaims
        {
            Entries = fields.TryGetValue("entries", out JsonElement entries) ? Map(entries, $"{path}.entries", Value) : null,
            ContentId = OptionalField(fields, path, "contentID"),
            SignerPublicKey = signer,
        };
    }

    private static GpcMembershipList List(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"expected an array of POD values or of tuples of POD values, not {Describe(element)}");
        }

        int arrays = element.EnumerateArray().Count(e => e.ValueKind == JsonValueKind.Array);
        if (arrays == 0)
        {
            return GpcMembershipList.Of(element.EnumerateArray().Select((e, i) => Value(e, Invariant($"{path}.{i}"))).ToArray());
        }

        if (arrays != element.GetArrayLength())
        {
            throw Error(path, "a list holds either POD values or tuples (arrays) of POD values, not both");
        }

        return GpcMembershipList.OfTuples(element.EnumerateArray()
            .Select((tuple, i) => tuple.EnumerateArray().Select((e, j) => Value(e, Invariant($"{path}.{i}.{j}"))).ToArray())
            .ToArray());
    }

    private static PodValue Value(JsonElement element, string path)
    {
        try
        {
            return PodJson.ReadValue(element, path);
        }
        catch (FormatException e)
        {
            throw Error(path, e.Message);
        }
    }

    private static Dictionary<string, T> Map<T>(JsonElement element, string path, Func<JsonElement, string, T> readValue)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"expected an object, not {Describe(element)}");
        }

        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string childPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (!PodNames.IsValid(property.Name))
            {
                throw Error(childPath, $"the name {Quote(property.Name)} must match [A-Za-z_][A-Za-z0-9_]*");
            }

            if (!map.TryAdd(property.Name, readValue(property.Value, childPath)))
            {
                throw Error(childPath, "the key appears more than once");
            }
        }

        return map;
    }

    private static Dictionary<string, JsonElement> Fields(JsonElement element, string path, string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"expected an object, not {Describe(element)}");
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string childPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                throw Error(childPath, $"unknown field (allowed: {string.Join(", ", allowed)})");
            }

            if (!fields.TryAdd(property.Name, property.Value))
            {
                throw Error(childPath, "the key appears more than once");
            }
        }

        return fields;
    }

    private static JsonElement Required(Dictionary<string, JsonElement> fields, string path, string key) =>
        fields.TryGetValue(key, out JsonElement value)
            ? value
            : throw Error(path.Length == 0 ? key : $"{path}.{key}", "this field is required");

    private static string? OptionalString(Dictionary<string, JsonElement> fields, string path, string key)
    {
        if (!fields.TryGetValue(key, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Error(path.Length == 0 ? key : $"{path}.{key}", $"expected a string, not {Describe(value)}");
    }

    private static string? OptionalName(Dictionary<string, JsonElement> fields, string path, string key) =>
        OptionalString(fields, path, key) is { } name
            ? PodNames.IsValid(name) ? name : throw Error($"{path}.{key}", $"the name {Quote(name)} must match [A-Za-z_][A-Za-z0-9_]*")
            : null;

    private static string? OptionalIdentifier(Dictionary<string, JsonElement> fields, string path, string key) =>
        fields.TryGetValue(key, out JsonElement value) ? Identifier(value, $"{path}.{key}") : null;

    private static string Identifier(JsonElement element, string path)
    {
        string? text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return EntryIdentifiers.TrySplit(text, out _, out _)
            ? text!
            : throw Error(path, $"expected an entry identifier podName.entryName (or podName.$contentID, podName.$signerPublicKey), not {Describe(element)}");
    }

    private static bool Boolean(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(path, $"expected true or false, not {Describe(element)}"),
    };

    private static Fr? OptionalField(Dictionary<string, JsonElement> fields, string path, string key)
    {
        if (!fields.TryGetValue(key, out JsonElement value))
        {
            return null;
        }

        string fieldPath = $"{path}.{key}";
        BigInteger n = BigInt(value, fieldPath);
        return n.Sign >= 0 && n < Fr.Modulus ? Fr.FromBigInteger(n) : throw Error(fieldPath, $"the value {n} is not a field element (in [0, r))");
    }

    /// <summary>bigintFromJSON: a JSON number that is a safe integer, or a string BigInt() reads (decimal, 0x, 0o, 0b).</summary>
    private static BigInteger BigInt(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                string raw = element.GetRawText();
                if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !double.IsFinite(d) || Math.Floor(d) != d)
                {
                    throw Error(path, $"the number {raw} is not an integer");
                }

                return Math.Abs(d) <= MaxSafeInteger
                    ? new BigInteger(d)
                    : throw Error(path, $"the number {raw} is beyond ±(2^53 - 1), where JSON numbers lose precision; write it as a string");
            case JsonValueKind.String:
                string text = element.GetString()!;
                return PodJson.TryParseBigInt(text, out BigInteger value)
                    ? value
                    : throw Error(path, $"the string {Quote(text)} is not an integer (decimal digits after an optional minus, or 0x, 0o or 0b digits)");
            default:
                throw Error(path, $"expected an integer as a number or a string, not {Describe(element)}");
        }
    }

    private static FormatException Error(string path, string problem) =>
        new(path.Length == 0 ? $"Invalid GPC JSON: {problem}." : $"Invalid GPC JSON at {path}: {problem}.");

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "the string " + Quote(element.GetString()!),
        JsonValueKind.Number => "the number " + element.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Quote(string text) => PodNames.Describe(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
