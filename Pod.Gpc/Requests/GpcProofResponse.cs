using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pod.Gpc.Requests;

/// <summary>
/// A holder's answer to a <see cref="GpcProofRequest"/>: the Groth16 proof, the bound config and the revealed claims, as
/// @pcd/gpc's <c>gpcProve</c> returns them (and Zupass's Z API <c>gpc.prove</c> hands them to apps).
/// </summary>
/// <remarks>
/// Two JSON shapes are read (<see cref="GpcRequestVerifier.CheckAsync(string, CancellationToken)"/>): what apps post,
/// <c>{"proof": snarkjs proof, "boundConfig": boundConfigToJSON, "revealedClaims": revealedClaimsToJSON}</c> (each member
/// an object or its JSON text), and Zupass's serialized <c>GPCPCD</c>, <c>{"type": "gpc-pcd", "pcd": JSON text of
/// {"id", "claim": {"jsonConfig", "jsonRevealed"}, "proof": {"groth16Proof"}}}</c> (gpc-pcd's <c>serialize</c>).
/// </remarks>
public sealed class GpcProofResponse
{
    /// <summary>The Zupass PCD type name of a GPC proof (gpc-pcd's <c>GPCPCDTypeName</c>).</summary>
    public const string GpcPcdTypeName = "gpc-pcd";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <summary>Creates a response from its parts.</summary>
    /// <exception cref="ArgumentNullException">A part is null.</exception>
    public GpcProofResponse(Groth16Proof proof, GpcBoundConfig boundConfig, GpcRevealedClaims revealedClaims)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(boundConfig);
        ArgumentNullException.ThrowIfNull(revealedClaims);
        Proof = proof;
        BoundConfig = boundConfig;
        RevealedClaims = revealedClaims;
    }

    /// <summary>The Groth16 proof.</summary>
    public Groth16Proof Proof { get; }

    /// <summary>The config the proof was made for, bound to its circuit.</summary>
    public GpcBoundConfig BoundConfig { get; }

    /// <summary>What the proof reveals.</summary>
    public GpcRevealedClaims RevealedClaims { get; }

    /// <summary>The response as apps post it: <c>{"proof", "boundConfig", "revealedClaims"}</c>, each an object.</summary>
    /// <exception cref="GpcConfigException">The config or claims break a rule; the path names the field.</exception>
    public string ToJson() =>
        $"{{\"proof\":{Proof.ToJson()},\"boundConfig\":{GpcJson.SerializeBoundConfig(BoundConfig)},\"revealedClaims\":{GpcJson.SerializeRevealedClaims(RevealedClaims)}}}";

    /// <summary>Reads either shape; a malformed body gives the refusal that names what is wrong.</summary>
    internal static GpcProofResponse? Parse(string json, out GpcResponseCheck? refusal)
    {
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException)
        {
            return Refuse(out refusal, GpcResponseFailure.MalformedJson, "The body is not well-formed JSON.");
        }

        if (body is not JsonObject request)
        {
            return Refuse(out refusal, GpcResponseFailure.MalformedRequest, "The body must be a JSON object: {\"proof\", \"boundConfig\", \"revealedClaims\"} or a serialized GPCPCD {\"type\", \"pcd\"}.");
        }

        string? proof, boundConfig, revealedClaims;
        if (request.ContainsKey("type"))
        {
            if (!TryReadGpcPcd(request, out proof, out boundConfig, out revealedClaims, out string? problem))
            {
                return Refuse(out refusal, GpcResponseFailure.MalformedRequest, problem);
            }
        }
        else
        {
            if (request.Select(p => p.Key).FirstOrDefault(k => k is not ("proof" or "boundConfig" or "revealedClaims")) is string unknown)
            {
                return Refuse(out refusal, GpcResponseFailure.MalformedRequest, $"Unknown member \"{unknown}\": the body has proof, boundConfig and revealedClaims only (or is a serialized GPCPCD).");
            }

            (proof, boundConfig, revealedClaims) = (Text(request["proof"]), Text(request["boundConfig"]), Text(request["revealedClaims"]));
            foreach (var (name, text) in new[] { ("proof", proof), ("boundConfig", boundConfig), ("revealedClaims", revealedClaims) })
            {
                if (text is null)
                {
                    return Refuse(out refusal, GpcResponseFailure.MalformedRequest, $"{name} is missing: it must be a JSON object (or the JSON text of one).");
                }
            }
        }

        return Parse(proof!, boundConfig!, revealedClaims!, out refusal);
    }

    private static GpcProofResponse? Parse(string proofJson, string boundConfigJson, string revealedClaimsJson, out GpcResponseCheck? refusal)
    {
        if (!Groth16Proof.TryParse(proofJson, out Groth16Proof? proof))
        {
            return Refuse(out refusal, GpcResponseFailure.MalformedProof, "proof is not a BN254 Groth16 proof in snarkjs's JSON (pi_a, pi_b, pi_c; points on the curve, coordinates below p).");
        }

        GpcBoundConfig boundConfig;
        try
        {
            boundConfig = GpcJson.ParseBoundConfig(boundConfigJson);
        }
        catch (Exception e) when (e is FormatException or GpcConfigException)
        {
            return Refuse(out refusal, GpcResponseFailure.MalformedBoundConfig, "boundConfig: " + e.Message);
        }

        try
        {
            refusal = null;
            return new GpcProofResponse(proof!, boundConfig, GpcJson.ParseRevealedClaims(revealedClaimsJson));
        }
        catch (Exception e) when (e is FormatException or GpcConfigException)
        {
            return Refuse(out refusal, GpcResponseFailure.MalformedRevealedClaims, "revealedClaims: " + e.Message);
        }
    }

    /// <summary>gpc-pcd's serialize: <c>{type: "gpc-pcd", pcd: JSON.stringify({id, claim: {jsonConfig, jsonRevealed}, proof: {groth16Proof}})}</c>.</summary>
    private static bool TryReadGpcPcd(JsonObject request, out string? proof, out string? boundConfig, out string? revealedClaims, out string problem)
    {
        (proof, boundConfig, revealedClaims) = (null, null, null);
        if (request["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String || type.GetValue<string>() != GpcPcdTypeName)
        {
            problem = $"A serialized PCD must have type \"{GpcPcdTypeName}\".";
            return false;
        }

        JsonNode? pcd;
        try
        {
            pcd = request["pcd"] is JsonValue text && text.GetValueKind() == JsonValueKind.String
                ? JsonNode.Parse(text.GetValue<string>(), documentOptions: DocumentOptions)
                : request["pcd"];
        }
        catch (JsonException)
        {
            pcd = null;
        }

        if (pcd?["claim"] is not JsonObject claim || pcd["proof"] is not JsonObject pcdProof)
        {
            problem = "pcd must be the JSON text of {\"id\", \"claim\": {\"jsonConfig\", \"jsonRevealed\"}, \"proof\": {\"groth16Proof\"}}.";
            return false;
        }

        (proof, boundConfig, revealedClaims) = (Text(pcdProof["groth16Proof"]), Text(claim["jsonConfig"]), Text(claim["jsonRevealed"]));
        problem = "pcd.proof.groth16Proof, pcd.claim.jsonConfig and pcd.claim.jsonRevealed must be JSON objects.";
        return proof is not null && boundConfig is not null && revealedClaims is not null;
    }

    /// <summary>A member given as an object is its JSON text; one given as a string is taken as JSON text.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        JsonObject o => o.ToJsonString(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => null,
    };

    private static GpcProofResponse? Refuse(out GpcResponseCheck? refusal, GpcResponseFailure failure, string description)
    {
        refusal = GpcResponseCheck.Refused(failure, description);
        return null;
    }
}
