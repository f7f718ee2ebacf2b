using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Pod.Issuers.Tls;

/// <summary>
/// The issuer-side UID: <c>HMAC-SHA256(K_uid, "pod-tls-issuer/uid/v1" ‖ 0x00 ‖ providerClass ‖ 0x00 ‖ inputs joined by 0x1F)</c>,
/// of which the first 31 bytes, read big-endian, are the UID: uniform below 2^248, so a valid POD cryptographic
/// value without the bias a reduction mod r would add. The key never appears in logs or <see cref="ToString"/>.
/// </summary>
internal sealed class UidDeriver : IDisposable
{
    /// <summary>The smallest key accepted, in bytes.</summary>
    public const int MinKeySizeInBytes = 32;

    /// <summary>The UID size in bytes (248 bits).</summary>
    public const int UidSizeInBytes = 31;

    private static readonly byte[] Domain = Encoding.UTF8.GetBytes("pod-tls-issuer/uid/v1");
    private readonly byte[] _key;
    private bool _disposed;

    /// <summary>Creates a deriver over a copy of the key.</summary>
    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinKeySizeInBytes"/> or the key id is empty or has characters outside [A-Za-z0-9._-].</exception>
    public UidDeriver(ReadOnlySpan<byte> key, string keyId)
    {
        if (key.Length < MinKeySizeInBytes)
        {
            throw new ArgumentException($"The UID key must be at least {MinKeySizeInBytes} bytes; it is {key.Length}.", nameof(key));
        }

        if (string.IsNullOrEmpty(keyId) || keyId.Length > 64 || !keyId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException("The UID key id must be 1 to 64 characters from [A-Za-z0-9._-].", nameof(keyId));
        }

        _key = key.ToArray();
        KeyId = keyId;
    }

    /// <summary>The key id recorded in <c>uid_scheme</c>.</summary>
    public string KeyId { get; }

    /// <summary>The <c>uid_scheme</c> entry value.</summary>
    public string Scheme => $"hmac-sha256-248/v1/{KeyId}";

    /// <summary>Derives the UID as 31 big-endian bytes.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The provider class contains NUL or an input contains U+001F.</exception>
    /// <exception cref="ObjectDisposedException">The deriver was disposed.</exception>
    public byte[] Derive(string providerClass, IReadOnlyList<string> normalizedInputs)
    {
        ArgumentNullException.ThrowIfNull(providerClass);
        ArgumentNullException.ThrowIfNull(normalizedInputs);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (providerClass.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The provider class may not contain NUL.", nameof(providerClass));
        }

        if (normalizedInputs.Any(i => i is null || i.Contains('\u001F', StringComparison.Ordinal)))
        {
            throw new ArgumentException("UID inputs may not be null or contain U+001F.", nameof(normalizedInputs));
        }

        byte[] message = [.. Domain, 0, .. Encoding.UTF8.GetBytes(providerClass), 0, .. Encoding.UTF8.GetBytes(string.Join('\u001F', normalizedInputs))];
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, message, mac);
        byte[] uid = mac[..UidSizeInBytes].ToArray();
        CryptographicOperations.ZeroMemory(mac);
        CryptographicOperations.ZeroMemory(message);
        return uid;
    }

    /// <summary>The UID bytes as the non-negative integer of the <c>uid</c> entry.</summary>
    public static BigInteger ToInteger(ReadOnlySpan<byte> uid) => new(uid, isUnsigned: true, isBigEndian: true);

    /// <summary>Zeroes the key.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }

    /// <summary>Names the key id only.</summary>
    public override string ToString() => $"UidDeriver ({Scheme})";
}
