using Pod.Gpc.Compilation;
using Pod.Gpc.Config;
using Pod.Gpc.Serialization;
using Pod.Gpc.Verification;

namespace Pod.Samples.Workflows;

/// <summary>The verifier's first step for every workflow: the proof is for exactly the statement asked for, and holds.</summary>
internal static class ProofCheck
{
    /// <summary>The verified claims, or null with a failure code and description.</summary>
    public static GpcRevealedClaims? Verify(ProofBody body, GpcProofConfig asked, GpcVerificationKeys keys, out string? code, out string? description)
    {
        code = description = null;
        string expected = GpcJson.SerializeBoundConfig(GpcCompiler.BindConfig(asked).BoundConfig);
        if (GpcJson.SerializeBoundConfig(body.BoundConfig) != expected)
        {
            (code, description) = ("unexpected_config", "The proof is not for the statement this service asks for.");
            return null;
        }

        GpcVerificationResult result = GpcVerifier.Verify(body.Proof, body.BoundConfig, body.RevealedClaims, keys);
        if (!result.IsValid)
        {
            (code, description) = ("proof_invalid", result.Failure);
            return null;
        }

        return result.Claims;
    }
}
