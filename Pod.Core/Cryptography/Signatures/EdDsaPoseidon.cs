using System.Security.Cryptography;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;

namespace Pod.Cryptography.Signatures;

/// <summary>
/// EdDSA over BabyJubJub with Poseidon as the challenge hash, exactly as @zk-kit/eddsa-poseidon 1.1.0
/// (the signer of @pcd/pod and Semaphore V4):
/// <code>
/// h = BLAKE-512(key); s = prune(h[0..32]) (little-endian); A = (s &gt;&gt; 3) * Base8
/// r = BLAKE-512(h[32..64] || m as 32 bytes LE) mod l; R8 = r * Base8
/// hm = Poseidon(R8.x, R8.y, A.x, A.y, m); S = r + hm * s mod l
/// valid iff S &lt; l and S * Base8 = R8 + (8 * hm) * A
/// </code>
/// </summary>
/// <remarks>
/// Verification is stricter than the reference: the public key must be in the prime-order subgroup and
/// not the identity (the reference accepts forged signatures for small-order keys), and encodings must
/// be canonical. See docs/compatibility.md.
/// </remarks>
public static class EdDsaPoseidon
{
    /// <summary>Signs a field element with the key.</summary>
    /// <exception cref="ArgumentNullException">The key is null.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public static EdDsaSignature Sign(EdDsaPrivateKey privateKey, Fr message)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        EdDsaPublicKey publicKey = privateKey.PublicKey;

        Span<byte> nonceInput = stackalloc byte[64];
        Span<byte> nonceHash = stackalloc byte[Blake512.HashSizeInBytes];
        privateKey.NoncePrefix.CopyTo(nonceInput);
        message.WriteBytes(nonceInput[32..]);
        Blake512.Hash(nonceInput, nonceHash);
        ScalarModL r = ScalarModL.FromBytesReduced(nonceHash, ByteOrder.LittleEndian);
        CryptographicOperations.ZeroMemory(nonceHash);

        BabyJubJubPoint r8 = BabyJubJub.MultiplyBase8(r.ToCanonicalLimbs()).ToAffine();
        Fr hm = Challenge(r8, publicKey.Point, message);

        // S = r + hm * s mod l, with s the pruned scalar (not shifted): 8 * (s >> 3) = s as s's low bits are zero.
        ScalarModL s = ScalarModL.Reduce(privateKey.PrunedScalar);
        ScalarModL bigS = r + (ScalarModL.Reduce(hm) * s);
        return new EdDsaSignature(r8, bigS.ToCanonicalLimbs());
    }

    /// <summary>
    /// True when the signature is valid for the message under the key. False, never an exception, for a
    /// wrong or malformed signature, S &gt;= l, or a key outside the prime-order subgroup.
    /// </summary>
    public static bool Verify(EdDsaPublicKey publicKey, Fr message, EdDsaSignature signature)
    {
        if (!publicKey.IsValidSignerKey
            || !signature.SLimbs.LessThan(BabyJubJub.SubgroupOrderLimbs)
            || !signature.R8.IsOnCurve)
        {
            return false;
        }

        Fr hm = Challenge(signature.R8, publicKey.Point, message);

        // S * Base8 - (8 * hm) * A = R8; A is in the subgroup, so hm may be reduced mod l.
        ExtendedPoint a = publicKey.Point.ToExtended();
        ExtendedPoint eightA = ExtendedPoint.Double(ExtendedPoint.Double(ExtendedPoint.Double(a)));
        U256 hmPlain = ScalarModL.Reduce(hm).ToCanonicalLimbs();
        ExtendedPoint left = BabyJubJub.MultiplyBase8Vartime(signature.SLimbs);
        ExtendedPoint right = ExtendedPoint.Add(signature.R8.ToExtended(), ExtendedPoint.MultiplyVartime(eightA, hmPlain));
        return ExtendedPoint.RepresentSame(left, right);
    }

    /// <summary>
    /// Verifies a packed signature under a packed key; false, never an exception, for bytes of the wrong
    /// length or that do not decode.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> packedPublicKey, Fr message, ReadOnlySpan<byte> packedSignature) =>
        EdDsaPublicKey.TryFromPacked(packedPublicKey, out EdDsaPublicKey key)
        && EdDsaSignature.TryFromPacked(packedSignature, out EdDsaSignature signature)
        && Verify(key, message, signature);

    private static Fr Challenge(in BabyJubJubPoint r8, in BabyJubJubPoint a, in Fr message) =>
        Poseidon.Hash([r8.X, r8.Y, a.X, a.Y, message]);
}
