using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Pod.Issuers.Tls;

/// <summary>
/// The report-data binding of a session key (version 1): <c>report_data[0..32] = SHA-256("pod-tls-issuer/binding/v1" ‖ 0x00 ‖
/// SEC1 uncompressed P-256 key (65 bytes) ‖ u64be(validUntilUnixSeconds))</c> and <c>report_data[32..64] = 0</c>.
/// The enclave computes it when it requests its report; the issuer recomputes and compares.
/// </summary>
public static class SessionKeyBinding
{
    /// <summary>The report data size.</summary>
    public const int ReportDataSizeInBytes = 64;

    /// <summary>The SEC1 uncompressed P-256 key size.</summary>
    public const int SessionKeySizeInBytes = 65;

    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("pod-tls-issuer/binding/v1");

    /// <summary>The 64 bytes of report data binding the key and its validity.</summary>
    /// <exception cref="ArgumentException">The key is not 65 bytes starting with 0x04.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The validity is negative.</exception>
    public static byte[] ComputeReportData(ReadOnlySpan<byte> sessionPublicKey, long validUntilUnixSeconds)
    {
        if (sessionPublicKey.Length != SessionKeySizeInBytes || sessionPublicKey[0] != 0x04)
        {
            throw new ArgumentException($"The session key must be a 65-byte SEC1 uncompressed point; it is {sessionPublicKey.Length} bytes.", nameof(sessionPublicKey));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(validUntilUnixSeconds);
        byte[] message = new byte[Domain.Length + 1 + SessionKeySizeInBytes + 8];
        Domain.CopyTo(message, 0);
        sessionPublicKey.CopyTo(message.AsSpan(Domain.Length + 1));
        BinaryPrimitives.WriteUInt64BigEndian(message.AsSpan(Domain.Length + 1 + SessionKeySizeInBytes), (ulong)validUntilUnixSeconds);
        byte[] reportData = new byte[ReportDataSizeInBytes];
        SHA256.HashData(message, reportData);
        return reportData;
    }

    /// <summary>Imports a SEC1 uncompressed P-256 public key for verification.</summary>
    /// <exception cref="ArgumentException">The key is not 65 bytes starting with 0x04.</exception>
    /// <exception cref="CryptographicException">The point is not on P-256.</exception>
    internal static ECDsa ImportSessionKey(ReadOnlySpan<byte> sec1)
    {
        if (sec1.Length != SessionKeySizeInBytes || sec1[0] != 0x04)
        {
            throw new ArgumentException("The session key must be a 65-byte SEC1 uncompressed point.", nameof(sec1));
        }

        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = sec1[1..33].ToArray(), Y = sec1[33..65].ToArray() },
        });
    }
}
