using Pod.Gpc.Requests;

namespace Pod.Gpc.Proving;

/// <summary>What <c>gpcProve</c> returns: the proof, the bound config and the revealed claims, to send to a verifier together.</summary>
public sealed class GpcProvingResult
{
    internal GpcProvingResult(Groth16Proof proof, GpcBoundConfig boundConfig, GpcRevealedClaims revealedClaims)
    {
        Proof = proof;
        BoundConfig = boundConfig;
        RevealedClaims = revealedClaims;
    }

    /// <summary>The Groth16 proof (snarkjs's JSON through <see cref="Groth16Proof.ToJson"/>).</summary>
    public Groth16Proof Proof { get; }

    /// <summary>The config bound to the circuit that proved it.</summary>
    public GpcBoundConfig BoundConfig { get; }

    /// <summary>What the proof reveals.</summary>
    public GpcRevealedClaims RevealedClaims { get; }

    /// <summary>The result as the response a verifier reads (<see cref="GpcProofResponse.ToJson"/> is what apps post).</summary>
    public GpcProofResponse ToResponse() => new(Proof, BoundConfig, RevealedClaims);
}
