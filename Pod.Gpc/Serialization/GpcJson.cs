using Pod.Gpc.Requests;

namespace Pod.Gpc;

/// <summary>
/// The JSON forms of GPC configs, bound configs, revealed claims and membership lists, written byte for
/// byte as @pcd/gpc's <c>JSON.stringify(proofConfigToJSON(...))</c> (and its boundConfig, revealedClaims
/// and podMembershipLists siblings) write them, and read as their <c>*FromJSON</c> read them.
/// </summary>
/// <remarks>
/// As in the reference, serializing and parsing a config, bound config or claims also checks it. Object
/// keys are written in the reference's schema order and maps in their own order; bigints are JSON numbers
/// within ±(2^53 - 1), else <c>"0x…"</c> strings (decimal when negative); POD values take their terse JSON
/// form. Parsing is strict: unknown and repeated keys are errors.
/// </remarks>
public static class GpcJson
{
    private const string JsonParam = "json";

    /// <summary>The proof config as JSON (proofConfigToJSON).</summary>
    /// <exception cref="ArgumentNullException">The config is null.</exception>
    /// <exception cref="GpcConfigException">The config breaks a rule; the path names the field.</exception>
    public static string SerializeProofConfig(GpcProofConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        GpcChecks.CheckProofConfig(config, nameof(config));
        return GpcJsonWriter.ProofConfig(config.CircuitIdentifier, config.Pods, config.UniquePods, config.Tuples);
    }

    /// <summary>Reads and checks a proof config (proofConfigFromJSON).</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="FormatException">The text is not the JSON form of a config; the message names the field.</exception>
    /// <exception cref="GpcConfigException">The config breaks a rule; the path names the field.</exception>
    public static GpcProofConfig ParseProofConfig(string json)
    {
        var (circuitIdentifier, pods, uniquePods, tuples) = GpcJsonReader.Parse(json, e => GpcJsonReader.ProofConfig(e, bound: false));
        var config = new GpcProofConfig { CircuitIdentifier = circuitIdentifier, Pods = pods, UniquePods = uniquePods, Tuples = tuples };
        GpcChecks.CheckProofConfig(config, JsonParam);
        return config;
    }

    /// <summary>The bound config as JSON (boundConfigToJSON).</summary>
    /// <exception cref="ArgumentNullException">The config is null.</exception>
    /// <exception cref="GpcConfigException">The config breaks a rule; the path names the field.</exception>
    public static string SerializeBoundConfig(GpcBoundConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        GpcChecks.CheckBoundConfig(config, config.ToProofConfig(), nameof(config));
        return GpcJsonWriter.ProofConfig(config.CircuitIdentifier, config.Pods, config.UniquePods, config.Tuples);
    }

    /// <summary>Reads and checks a bound config (boundConfigFromJSON); it is kept as written, not canonicalized.</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="FormatException">The text is not the JSON form of a bound config; the message names the field.</exception>
    /// <exception cref="GpcConfigException">The config breaks a rule; the path names the field.</exception>
    public static GpcBoundConfig ParseBoundConfig(string json)
    {
        var (circuitIdentifier, pods, uniquePods, tuples) = GpcJsonReader.Parse(json, e => GpcJsonReader.ProofConfig(e, bound: true));
        var config = new GpcBoundConfig { CircuitIdentifier = circuitIdentifier!, Pods = pods, UniquePods = uniquePods, Tuples = tuples };
        GpcChecks.CheckBoundConfig(config, config.ToProofConfig(), JsonParam);
        return config;
    }

    /// <summary>The revealed claims as JSON (revealedClaimsToJSON).</summary>
    /// <exception cref="ArgumentNullException">The claims are null.</exception>
    /// <exception cref="GpcConfigException">The claims break a rule; the path names the field.</exception>
    public static string SerializeRevealedClaims(GpcRevealedClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        GpcChecks.CheckRevealedClaims(claims, nameof(claims));
        return GpcJsonWriter.RevealedClaims(claims);
    }

    /// <summary>Reads and checks revealed claims (revealedClaimsFromJSON).</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="FormatException">The text is not the JSON form of claims; the message names the field.</exception>
    /// <exception cref="GpcConfigException">The claims break a rule; the path names the field.</exception>
    public static GpcRevealedClaims ParseRevealedClaims(string json)
    {
        GpcRevealedClaims claims = GpcJsonReader.Parse(json, GpcJsonReader.RevealedClaims);
        GpcChecks.CheckRevealedClaims(claims, JsonParam);
        return claims;
    }

    /// <summary>Membership lists as JSON (podMembershipListsToJSON): lists of values or of tuples, by name.</summary>
    /// <exception cref="ArgumentNullException">The lists are null.</exception>
    public static string SerializeMembershipLists(IReadOnlyDictionary<string, GpcMembershipList> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        return GpcJsonWriter.MembershipLists(lists);
    }

    /// <summary>Reads membership lists (podMembershipListsFromJSON); they are checked when used.</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="FormatException">The text is not the JSON form of membership lists; the message names the field.</exception>
    public static IReadOnlyDictionary<string, GpcMembershipList> ParseMembershipLists(string json) =>
        ReadOnlyMaps.Copy(GpcJsonReader.Parse(json, e => GpcJsonReader.MembershipLists(e, "")), nameof(json));

    /// <summary>
    /// A proof request as JSON, the form the JavaScript side reads member by member:
    /// <c>{"proofConfig": proofConfigToJSON, "membershipLists": podMembershipListsToJSON, "externalNullifier": podValueToJSON, "watermark": podValueToJSON}</c>
    /// (@parcnet-js/podspec's ProofRequest; the last two only when set).
    /// </summary>
    /// <exception cref="ArgumentNullException">The request is null.</exception>
    /// <exception cref="GpcConfigException">The config breaks a rule; the path names the field.</exception>
    public static string SerializeProofRequest(GpcProofRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return GpcJsonWriter.ProofRequest(SerializeProofConfig(request.ProofConfig), request);
    }

    /// <summary>Reads a proof request (the form <see cref="SerializeProofRequest"/> writes; <c>membershipLists</c> may be absent) and checks its config.</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="FormatException">The text is not the JSON form of a proof request; the message names the field.</exception>
    /// <exception cref="GpcConfigException">The config breaks a rule; the path names the field.</exception>
    public static GpcProofRequest ParseProofRequest(string json)
    {
        GpcProofRequest request = GpcJsonReader.Parse(json, GpcJsonReader.ProofRequest);
        GpcChecks.CheckProofConfig(request.ProofConfig, JsonParam);
        return request;
    }
}
