using System.Text;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Pod.Issuers.Tls.Reclaim;

/// <summary>
/// Keccak-256 (the original padding Ethereum uses, not SHA3-256) and secp256k1 public-key recovery from 65-byte
/// r ‖ s ‖ v signatures over EIP-191 personal messages, with Portable.BouncyCastle (the base library has neither).
/// Recovery: R = the point with x = r and y parity v − 27; Q = r⁻¹ (s·R − e·G); address = last 20 bytes of
/// Keccak-256(Q.x ‖ Q.y). Only low-s signatures (s ≤ n/2) with v ∈ {27, 28} are accepted.
/// </summary>
internal static class EthereumSignatures
{
    private static readonly X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");
    private static readonly BigInteger HalfN = Curve.N.ShiftRight(1);

    public static byte[] Keccak256(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        byte[] input = data.ToArray();
        digest.BlockUpdate(input, 0, input.Length);
        byte[] output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }

    /// <summary>Keccak-256("\x19Ethereum Signed Message:\n" ‖ decimal byte length ‖ message).</summary>
    public static byte[] PersonalMessageHash(string message)
    {
        byte[] body = Encoding.UTF8.GetBytes(message);
        return Keccak256([.. Encoding.UTF8.GetBytes($"\u0019Ethereum Signed Message:\n{body.Length}"), .. body]);
    }

    /// <summary>The signer's address (0x + 40 lowercase hex digits), or null when the signature is malformed, high-s or unrecoverable.</summary>
    public static string? RecoverAddress(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature)
    {
        if (hash.Length != 32 || signature.Length != 65 || signature[64] is not (27 or 28))
        {
            return null;
        }

        var r = new BigInteger(1, signature[..32].ToArray());
        var s = new BigInteger(1, signature[32..64].ToArray());
        if (r.SignValue <= 0 || r.CompareTo(Curve.N) >= 0 || s.SignValue <= 0 || s.CompareTo(HalfN) > 0)
        {
            return null;
        }

        ECPoint rPoint;
        try
        {
            rPoint = Curve.Curve.DecodePoint([(byte)(0x02 + signature[64] - 27), .. signature[..32]]);
        }
        catch (ArgumentException)
        {
            return null; // r is not the x coordinate of a curve point
        }

        var e = new BigInteger(1, hash.ToArray());
        BigInteger rInv = r.ModInverse(Curve.N);
        ECPoint q = ECAlgorithms.SumOfTwoMultiplies(Curve.G, e.Negate().Mod(Curve.N).Multiply(rInv).Mod(Curve.N), rPoint, s.Multiply(rInv).Mod(Curve.N))
            .Normalize();
        if (q.IsInfinity)
        {
            return null;
        }

        return AddressOf(q.GetEncoded(false));
    }

    /// <summary>The address of an uncompressed SEC1 public key (65 bytes).</summary>
    public static string AddressOf(ReadOnlySpan<byte> uncompressed) => "0x" + Convert.ToHexStringLower(Keccak256(uncompressed[1..])[12..]);
}
