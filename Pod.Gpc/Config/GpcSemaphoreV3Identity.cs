using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;

namespace Pod.Gpc.Config;

/// <summary>
/// What a GPC circuit needs of a Semaphore V3 identity: its trapdoor and nullifier (private circuit
/// inputs). The commitment, Poseidon(Poseidon(nullifier, trapdoor)), is what a SemaphoreV3 owner entry
/// (a cryptographic value) must hold.
/// </summary>
/// <remarks><see cref="ToString"/> shows the commitment only.</remarks>
public sealed class GpcSemaphoreV3Identity
{
    private GpcSemaphoreV3Identity(Fr trapdoor, Fr nullifier)
    {
        Trapdoor = trapdoor;
        Nullifier = nullifier;
        Commitment = Poseidon.Hash(Poseidon.Hash(nullifier, trapdoor));
    }

    /// <summary>The identity commitment, Poseidon(secret) with secret = Poseidon(nullifier, trapdoor).</summary>
    public Fr Commitment { get; }

    internal Fr Trapdoor { get; }

    internal Fr Nullifier { get; }

    /// <summary>The identity with this trapdoor and nullifier (Semaphore V3's two secrets).</summary>
    public static GpcSemaphoreV3Identity FromSecrets(Fr trapdoor, Fr nullifier) => new(trapdoor, nullifier);

    /// <summary>Names the protocol and the commitment, never the secrets.</summary>
    public override string ToString() => $"Semaphore V3 identity (commitment {Commitment})";
}
