using System.Text.Json;
using System.Text.Json.Nodes;
using Pod.Gpc.Config;
using Pod.Gpc.Proving;
using Pod.Gpc.Serialization;
using Pod.Gpc.Verification;

namespace Pod.Samples.Workflows;

/// <summary>
/// A proof as apps post it to a verifier: <c>{proof, boundConfig, revealedClaims}</c>, snarkjs's proof JSON and
/// @pcd/gpc's <c>boundConfigToJSON</c> / <c>revealedClaimsToJSON</c> forms. Nothing else travels: no POD, no identity.
/// </summary>
internal sealed record ProofBody(Groth16Proof Proof, GpcBoundConfig BoundConfig, GpcRevealedClaims RevealedClaims)
{
    public static ProofBody From(GpcProvingResult result) => new(result.Proof, result.BoundConfig, result.RevealedClaims);

    public JsonObject ToJson() => new()
    {
        ["proof"] = JsonNode.Parse(Proof.ToJson()),
        ["boundConfig"] = JsonNode.Parse(GpcJson.SerializeBoundConfig(BoundConfig)),
        ["revealedClaims"] = JsonNode.Parse(GpcJson.SerializeRevealedClaims(RevealedClaims)),
    };

    /// <summary>Reads a body; false, with what is wrong, for anything malformed.</summary>
    public static bool TryParse(JsonNode? node, out ProofBody? body, out string? error)
    {
        body = null;
        error = null;
        if (node is not JsonObject o || o.Count != 3 || o["proof"] is null || o["boundConfig"] is null || o["revealedClaims"] is null)
        {
            error = "The body must be {proof, boundConfig, revealedClaims} and nothing else.";
            return false;
        }

        if (!Groth16Proof.TryParse(o["proof"]!.ToJsonString(), out Groth16Proof? proof))
        {
            error = "proof is not a snarkjs Groth16 proof.";
            return false;
        }

        try
        {
            body = new ProofBody(proof!, GpcJson.ParseBoundConfig(o["boundConfig"]!.ToJsonString()), GpcJson.ParseRevealedClaims(o["revealedClaims"]!.ToJsonString()));
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            error = e.Message;
            return false;
        }
    }
}
