using System.Collections.ObjectModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pod.Serialization;

namespace Pod.Issuers.Tls.Providers;

/// <summary>
/// A declarative provider spec: which evidence kinds it accepts, which notarized request it expects, the acceptance
/// rules over the response, the claims mapped to POD entries through a restricted JSONPath with strict type coercion,
/// the UID inputs and their normalization, and derived entries. Its SHA-256 over a canonical JSON form
/// (<see cref="Hash"/>) goes into every POD as <c>provider_spec_hash</c>, so verifiers can pin the exact mapping.
/// </summary>
/// <remarks>
/// Shape (see docs/tls-issuer.md):
/// <code>
/// { "id": "kyc.demo.v1", "evidence": ["sgx-dcap-v3"],
///   "request": { "method": "GET", "url": "^https://kyc\\.example\\.com/v1/status$", "status": [200] },
///   "accept": [ { "path": "$.status", "equals": "approved" } ],
///   "claims": [ { "entry": "birth_date", "path": "$.person.dob", "type": "date", "format": "yyyy-MM-dd", "required": true } ],
///   "uid": { "class": "kyc.demo", "inputs": ["$.person.country", "$.person.id_number"], "normalize": ["nfkc", "trim", "upper", "strip:- "] },
///   // or "uid": { "source": "enclave" }: the enclave computes the UID with its sealed key and signs it in the payload
///   "derived": [ { "entry": "age_over_18", "op": "ageAtLeast", "from": "birth_date", "years": 18 } ],
///   "validity_days": 365 }
/// </code>
/// </remarks>
public sealed class ProviderSpec
{
    private const int MaxSpecBytes = 64 * 1024;
    private static readonly Regex IdPattern = new("^[a-z0-9][a-z0-9._-]{0,127}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly string[] KnownKeys = ["id", "evidence", "request", "accept", "claims", "uid", "derived", "validity_days", "reclaim_provider_hashes"];

    private ProviderSpec(string id, byte[] hash, string[] evidence, RequestRule request, AcceptRule[] accept, ClaimRule[] claims,
        UidRule uid, DerivedRule[] derived, int? validityDays, string[] reclaimProviderHashes)
    {
        ReclaimProviderHashes = new ReadOnlyCollection<string>(reclaimProviderHashes);
        Id = id;
        _hash = hash;
        EvidenceKinds = new ReadOnlyCollection<string>(evidence);
        Request = request;
        Accept = accept;
        Claims = claims;
        Uid = uid;
        Derived = derived;
        ValidityDays = validityDays;
    }

    private readonly byte[] _hash;

    /// <summary>The provider id, for example <c>kyc.smileid.v1</c> (the version is part of the id).</summary>
    public string Id { get; }

    /// <summary>SHA-256 of the canonical JSON form (object members sorted by ordinal name, no whitespace).</summary>
    public ReadOnlySpan<byte> Hash => _hash;

    /// <summary>The evidence kinds this provider accepts (<c>sgx-dcap-v3</c>, <c>sim-v1</c>, <c>reclaim-v1</c>).</summary>
    public IReadOnlyList<string> EvidenceKinds { get; }

    /// <summary>The validity of issued PODs in days, or null for the issuer's default.</summary>
    public int? ValidityDays { get; }

    /// <summary>The Reclaim <c>providerHash</c> values accepted (0x + 64 hex digits), required when the spec accepts <c>reclaim-v1</c>.</summary>
    public IReadOnlyList<string> ReclaimProviderHashes { get; }

    internal RequestRule Request { get; }

    internal AcceptRule[] Accept { get; }

    internal ClaimRule[] Claims { get; }

    internal UidRule Uid { get; }

    internal DerivedRule[] Derived { get; }

    /// <summary>Parses and validates a spec.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a valid spec; the message names the offending path.</exception>
    public static ProviderSpec Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return ParseSpec(json);
        }
        catch (Exception e) when (JsonTextErrors.IsInvalidText(e))
        {
            throw new FormatException("The provider spec holds text that is not well-formed Unicode (a lone surrogate).", e);
        }
    }

    private static ProviderSpec ParseSpec(string json)
    {
        if (Encoding.UTF8.GetByteCount(json) > MaxSpecBytes)
        {
            throw new FormatException($"A provider spec may not exceed {MaxSpecBytes} bytes.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new FormatException("The provider spec is not valid JSON.", e);
        }

        if (root is not JsonObject obj)
        {
            throw new FormatException("The provider spec must be a JSON object.");
        }

        RejectUnknown(obj, "$", KnownKeys);
        string id = RequiredString(obj, "id", "$");
        if (!IdPattern.IsMatch(id))
        {
            throw new FormatException("$.id must match ^[a-z0-9][a-z0-9._-]{0,127}$.");
        }

        string[] evidence = StringArray(obj, "evidence", "$", required: true);
        if (evidence.Length == 0 || evidence.Any(e => e is not ("sgx-dcap-v3" or "sim-v1" or "reclaim-v1")))
        {
            throw new FormatException("$.evidence must list one or more of sgx-dcap-v3, sim-v1, reclaim-v1.");
        }

        RequestRule request = RequestRule.Parse(RequiredObject(obj, "request", "$"), "$.request");
        AcceptRule[] accept = ObjectArray(obj, "accept", "$").Select((o, i) => AcceptRule.Parse(o, $"$.accept[{i}]")).ToArray();
        ClaimRule[] claims = ObjectArray(obj, "claims", "$").Select((o, i) => ClaimRule.Parse(o, $"$.claims[{i}]")).ToArray();
        UidRule uid = UidRule.Parse(RequiredObject(obj, "uid", "$"), "$.uid", id);
        DerivedRule[] derived = ObjectArray(obj, "derived", "$").Select((o, i) => DerivedRule.Parse(o, $"$.derived[{i}]")).ToArray();

        if (claims.Length + derived.Length > TlsPodEntries.MaxClaimEntries)
        {
            throw new FormatException(
                $"$.claims and $.derived declare {claims.Length + derived.Length} entries; at most {TlsPodEntries.MaxClaimEntries} keep an identity POD within the GPC circuits that take membership lists.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string entry in claims.Select(c => c.Entry).Concat(derived.Select(d => d.Entry)))
        {
            if (!PodNames.IsValid(entry) || TlsPodEntries.IsReserved(entry))
            {
                throw new FormatException($"The entry name \"{entry}\" is not a valid POD name or is reserved by the issuer.");
            }

            if (!names.Add(entry))
            {
                throw new FormatException($"The entry name \"{entry}\" appears twice.");
            }
        }

        foreach (DerivedRule d in derived)
        {
            if (!claims.Any(c => c.Entry == d.From && c.Type == ClaimType.Date))
            {
                throw new FormatException($"The derived entry \"{d.Entry}\" needs a date claim named \"{d.From}\".");
            }
        }

        int? validity = null;
        if (obj["validity_days"] is JsonNode v)
        {
            validity = v.GetValueKind() == JsonValueKind.Number && v.AsValue().TryGetValue(out int days) && days is >= 1 and <= 3660
                ? days
                : throw new FormatException("$.validity_days must be an integer from 1 to 3660.");
        }

        if (uid.FromEnclave && evidence.Contains("reclaim-v1"))
        {
            throw new FormatException("$.uid.source enclave needs TEE evidence; reclaim-v1 has no enclave.");
        }

        string[] reclaimHashes = StringArray(obj, "reclaim_provider_hashes", "$", required: evidence.Contains("reclaim-v1"));
        if (reclaimHashes.Any(h => !HexText.IsPrefixed(h, 32))
            || (evidence.Contains("reclaim-v1") && reclaimHashes.Length == 0))
        {
            throw new FormatException("$.reclaim_provider_hashes must list 0x-prefixed 32-byte hex hashes, at least one when reclaim-v1 is accepted.");
        }

        return new ProviderSpec(id, SHA256.HashData(CanonicalJson.Serialize(obj)), evidence, request, accept, claims, uid, derived, validity, reclaimHashes);
    }

    /// <summary>The id and hash prefix only.</summary>
    public override string ToString() => $"ProviderSpec {Id} ({Convert.ToHexStringLower(_hash)[..16]})";

    internal static void RejectUnknown(JsonObject obj, string path, string[] known)
    {
        foreach (KeyValuePair<string, JsonNode?> p in obj)
        {
            if (!known.Contains(p.Key, StringComparer.Ordinal))
            {
                throw new FormatException($"{path} has an unknown member \"{(p.Key.Length > 40 ? p.Key[..40] : p.Key)}\".");
            }
        }
    }

    internal static string RequiredString(JsonObject obj, string name, string path) =>
        OptionalString(obj, name, path) ?? throw new FormatException($"{path}.{name} is required and must be a string.");

    internal static string? OptionalString(JsonObject obj, string name, string path)
    {
        if (!obj.TryGetPropertyValue(name, out JsonNode? node) || node is null)
        {
            return null;
        }

        return node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : throw new FormatException($"{path}.{name} must be a string.");
    }

    internal static JsonObject RequiredObject(JsonObject obj, string name, string path) =>
        obj[name] as JsonObject ?? throw new FormatException($"{path}.{name} is required and must be an object.");

    internal static string[] StringArray(JsonObject obj, string name, string path, bool required)
    {
        if (obj[name] is not JsonArray array)
        {
            return obj.ContainsKey(name) || required ? throw new FormatException($"{path}.{name} must be an array of strings.") : [];
        }

        return array.Select((n, i) => n is not null && n.GetValueKind() == JsonValueKind.String
            ? n.GetValue<string>()
            : throw new FormatException($"{path}.{name}[{i}] must be a string.")).ToArray();
    }

    internal static JsonPath PathOf(JsonObject obj, string name, string path)
    {
        string text = RequiredString(obj, name, path);
        try
        {
            return JsonPath.Parse(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}.{name}: {e.Message}", e);
        }
    }

    private static IEnumerable<JsonObject> ObjectArray(JsonObject obj, string name, string path)
    {
        if (!obj.TryGetPropertyValue(name, out JsonNode? node))
        {
            return [];
        }

        if (node is not JsonArray array || array.Count > 64)
        {
            throw new FormatException($"{path}.{name} must be an array of at most 64 objects.");
        }

        return array.Select((n, i) => n as JsonObject ?? throw new FormatException($"{path}.{name}[{i}] must be an object.")).ToArray();
    }
}
