using System.Numerics;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Cryptography.Signatures;

namespace Pod.Gpc.Config;

/// <summary>
/// What a GPC circuit needs of a Semaphore V4 identity: the secret scalar (a private circuit input) and
/// the public key it derives (Base8 * scalar), which an owner entry of type eddsa_pubkey must hold. The
/// commitment is Poseidon of the key's coordinates, the value hash of that entry.
/// </summary>
/// <remarks>
/// Semaphore V4 derives the scalar from the identity's private key bytes exactly as EdDSA-Poseidon
/// derives a signing scalar (BLAKE-512, prune, shift right 3, reduce mod l); <see cref="FromPrivateKey"/>
/// does that. <see cref="ToString"/> shows the commitment only.
/// </remarks>
public sealed class GpcSemaphoreV4Identity
{
    private GpcSemaphoreV4Identity(BigInteger secretScalar, EdDsaPublicKey publicKey)
    {
        SecretScalar = secretScalar;
        PublicKey = publicKey;
        Commitment = Poseidon.Hash(publicKey.Point.X, publicKey.Point.Y);
    }

    /// <summary>The public key, the value of a SemaphoreV4 owner entry.</summary>
    public EdDsaPublicKey PublicKey { get; }

    /// <summary>The identity commitment, Poseidon(x, y) of the public key.</summary>
    public Fr Commitment { get; }

    /// <summary>The secret scalar, in [1, l).</summary>
    internal BigInteger SecretScalar { get; }

    /// <summary>The identity of a secret scalar in [1, l), l the BabyJubJub subgroup order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The scalar is outside [1, l).</exception>
    public static GpcSemaphoreV4Identity FromSecretScalar(BigInteger secretScalar)
    {
        if (secretScalar.Sign <= 0 || secretScalar >= BabyJubJub.SubgroupOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(secretScalar), "A Semaphore V4 secret scalar must be in [1, l), l the BabyJubJub subgroup order.");
        }

        return new GpcSemaphoreV4Identity(secretScalar, EdDsaPublicKey.FromPoint(BabyJubJub.MultiplyBase8(secretScalar)));
    }

    /// <summary>The identity of Semaphore V4 private key bytes (<c>new Identity(privateKey)</c>), of any length.</summary>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    public static GpcSemaphoreV4Identity FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.IsEmpty)
        {
            throw new ArgumentException("A Semaphore V4 private key cannot be empty.", nameof(privateKey));
        }

        using EdDsaPrivateKey key = EdDsaPrivateKey.ImportAnyLength(privateKey);
        return new GpcSemaphoreV4Identity(key.SecretScalarLimbs.ToBigInteger(), key.PublicKey);
    }

    /// <summary>Names the protocol and the commitment, never the secret.</summary>
    public override string ToString() => $"Semaphore V4 identity (commitment {Commitment})";
}
