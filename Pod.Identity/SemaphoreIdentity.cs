using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Cryptography.Signatures;
using Pod.Serialization;

namespace Pod.Identity;

/// <summary>
/// A Semaphore V4 identity: an EdDSA-Poseidon key pair whose private key is any non-empty byte string.
/// Its <see cref="Commitment"/>, Poseidon(x, y) of the public key, stands for it in Semaphore groups and
/// equals the value hash of its public key as a POD entry. Dispose it to zero the private key; the key
/// never appears in text.
/// </summary>
/// <remarks>
/// Matches <c>Identity</c> of @semaphore-protocol/identity 4.x (keys expanded with BLAKE-512 by
/// @zk-kit/eddsa-poseidon): the same bytes give the same secret scalar, public key, commitment, export
/// text and signatures. Differences (an empty key, strict Base64 on import, messages that are no field
/// element) are listed in docs/compatibility.md.
/// </remarks>
public sealed class SemaphoreIdentity : IDisposable
{
    /// <summary>The size of the private key <see cref="Generate"/> makes, as the reference's <c>new Identity()</c>.</summary>
    public const int GeneratedKeySizeInBytes = 32;

    private readonly EdDsaPrivateKey _key;
    private readonly Fr _commitment;
    private bool _disposed;

    private SemaphoreIdentity(EdDsaPrivateKey key)
    {
        _key = key;
        EdDsaPublicKey publicKey = key.PublicKey;
        _commitment = Poseidon.Hash(publicKey.Point.X, publicKey.Point.Y);
    }

    /// <summary>
    /// The secret scalar s with public key s * Base8: (pruned BLAKE-512 of the key &gt;&gt; 3) mod l, the
    /// reference's <c>secretScalar</c> and the input of Semaphore and GPC circuits.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public Fr SecretScalar
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Fr.FromCanonicalLimbs(_key.SecretScalarLimbs);
        }
    }

    /// <summary>The public key.</summary>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public EdDsaPublicKey PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key.PublicKey;
        }
    }

    /// <summary>The identity commitment, Poseidon(x, y) of the public key (the reference's <c>commitment</c>).</summary>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public Fr Commitment
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _commitment;
        }
    }

    /// <summary>The length of the private key in bytes.</summary>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public int PrivateKeyLength
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key.KeyLength;
        }
    }

    /// <summary>
    /// The identity of a private key of any non-empty length, as <c>new Identity(bytes)</c>. The bytes
    /// are copied; 32 bytes give the same key pair as @pcd/pod's <see cref="EdDsaPrivateKey"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    public static SemaphoreIdentity FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.IsEmpty)
        {
            throw new ArgumentException("A Semaphore private key needs at least one byte: an empty key is known to everyone.", nameof(privateKey));
        }

        return new SemaphoreIdentity(EdDsaPrivateKey.ImportAnyLength(privateKey));
    }

    /// <summary>
    /// The identity of a secret text, as <c>new Identity(text)</c>: the private key is the text's UTF-8
    /// bytes (a lone surrogate becomes U+FFFD, as Node encodes it). The key is as strong as the text.
    /// </summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public static SemaphoreIdentity FromSecretText(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length == 0)
        {
            throw new ArgumentException("A Semaphore secret text needs at least one character: an empty key is known to everyone.", nameof(secret));
        }

        byte[] key = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(secret), pinned: true);
        try
        {
            Encoding.UTF8.GetBytes(secret, key);
            return new SemaphoreIdentity(EdDsaPrivateKey.ImportAnyLength(key));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>A fresh identity: 32 bytes from the operating system's cryptographic random source.</summary>
    public static SemaphoreIdentity Generate()
    {
        Span<byte> key = stackalloc byte[GeneratedKeySizeInBytes];
        RandomNumberGenerator.Fill(key);
        try
        {
            return new SemaphoreIdentity(EdDsaPrivateKey.ImportAnyLength(key));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Reads what <see cref="Export"/> (or the reference's <c>identity.export()</c>) wrote: the private
    /// key in standard Base64, with or without padding, as <c>Identity.import</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="FormatException">The text is not standard Base64 of at least one byte (the message does not repeat it).</exception>
    public static SemaphoreIdentity Import(string exported)
    {
        ArgumentNullException.ThrowIfNull(exported);
        if (!Base64Text.TryDecode(exported, out byte[] key) || key.Length == 0)
        {
            throw new FormatException($"An exported Semaphore identity is its private key in standard Base64 (at least one byte); the text given ({exported.Length} characters) is not.");
        }

        try
        {
            return new SemaphoreIdentity(EdDsaPrivateKey.ImportAnyLength(key));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// The private key in standard Base64 with padding, as the reference's <c>identity.export()</c>. The
    /// string cannot be zeroed: prefer <see cref="ExportPrivateKey"/> into a buffer you clear.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public string Export()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        byte[] key = GC.AllocateArray<byte>(_key.KeyLength, pinned: true);
        try
        {
            _key.Export(key);
            return Convert.ToBase64String(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Copies the private key bytes into <paramref name="destination"/> and returns how many were written.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="PrivateKeyLength"/>.</exception>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public int ExportPrivateKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _key.Export(destination);
        return _key.KeyLength;
    }

    /// <summary>Signs a field element, as <c>identity.signMessage(m)</c> for 0 &lt;= m &lt; r.</summary>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public EdDsaSignature SignMessage(Fr message)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _key.Sign(message);
    }

    /// <summary>Signs an integer message, as <c>identity.signMessage(m)</c> with a bigint or number.</summary>
    /// <remarks>
    /// Only 0 &lt;= m &lt; r is signed. The reference also signs m in [r, 2^256) with a nonce taken from the
    /// unreduced value (the signature verifies for m mod r), and signs a negative m with the nonce of
    /// message 0, which, with a signature of 0, gives the private scalar away.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The message is negative or not below r.</exception>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public EdDsaSignature SignMessage(BigInteger message)
    {
        if (message.Sign < 0 || message >= Fr.Modulus)
        {
            throw new ArgumentOutOfRangeException(nameof(message), message, $"A Semaphore message to sign must be in [0, r - 1] (r = {Fr.Modulus}).");
        }

        return SignMessage(Fr.FromBigInteger(message));
    }

    /// <summary>
    /// Signs a text message as <c>identity.signMessage(text)</c> reads it: a string JavaScript's
    /// <c>BigInt()</c> accepts is that number (<c>"42"</c>, <c>"0x2a"</c>, <c>" 42 "</c>, and <c>""</c> as 0);
    /// any other string is its UTF-8 bytes read as a big-endian number, at most 32 bytes.
    /// </summary>
    /// <remarks>The number must be below r, as for <see cref="SignMessage(BigInteger)"/>.</remarks>
    /// <exception cref="ArgumentNullException">The message is null.</exception>
    /// <exception cref="ArgumentException">The message is text of more than 32 UTF-8 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The message reads as a negative number or one not below r.</exception>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public EdDsaSignature SignMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        JsBigIntText read = JsBigInt.Read(message, out BigInteger value);
        if (read == JsBigIntText.NotANumber)
        {
            int length = Encoding.UTF8.GetByteCount(message);
            if (length > SemaphoreMessage.MaxTextBytes)
            {
                throw new ArgumentException(
                    $"The message {SemaphoreMessage.Describe(message)} is {length} bytes in UTF-8; a text message is signed as a number of at most {SemaphoreMessage.MaxTextBytes} bytes.",
                    nameof(message));
            }

            value = SemaphoreMessage.FromUtf8(message);
        }

        if (read == JsBigIntText.TooLarge || value.Sign < 0 || value >= Fr.Modulus)
        {
            throw new ArgumentOutOfRangeException(nameof(message), SemaphoreMessage.Describe(message), "The message reads as a number outside [0, r - 1], the range of Semaphore messages Pod signs.");
        }

        return SignMessage(Fr.FromBigInteger(value));
    }

    /// <summary>
    /// True when the signature is valid for the message under the key, as <c>Identity.verifySignature</c>;
    /// false, never an exception, for a wrong or malformed signature or a key outside the prime-order subgroup.
    /// </summary>
    public static bool VerifySignature(Fr message, EdDsaSignature signature, EdDsaPublicKey publicKey) =>
        EdDsaPoseidon.Verify(publicKey, message, signature);

    /// <summary>Verifies an integer message, reduced mod r as the reference's Poseidon reduces it.</summary>
    public static bool VerifySignature(BigInteger message, EdDsaSignature signature, EdDsaPublicKey publicKey) =>
        EdDsaPoseidon.Verify(publicKey, Fr.FromBigIntegerReduced(message), signature);

    /// <summary>
    /// Verifies a text message read as <see cref="SignMessage(string)"/> reads it, then reduced mod r as the
    /// reference does (no length limit applies to text here, as in the reference). A number BigInt reads whose magnitude
    /// is 2^256 or more is false, unread (the reference reduces it; docs/compatibility.md, row 16).
    /// </summary>
    /// <exception cref="ArgumentNullException">The message is null.</exception>
    public static bool VerifySignature(string message, EdDsaSignature signature, EdDsaPublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SemaphoreMessage.ToInteger(message) is BigInteger m && VerifySignature(m, signature, publicKey);
    }

    /// <summary>The value of a POD's <c>owner</c> entry for this identity: its public key (eddsa_pubkey), as GPC's semaphoreV4 owner.</summary>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public PodEdDsaPublicKeyValue ToOwnerValue() => PodValue.EdDsaPublicKey(PublicKey);

    /// <summary>
    /// True when an owner entry's value names this identity: an eddsa_pubkey equal to its public key (the
    /// only owner type GPC accepts for V4). False for any other value.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public bool Owns(PodValue ownerValue)
    {
        ArgumentNullException.ThrowIfNull(ownerValue);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ownerValue is PodEdDsaPublicKeyValue key && key.Value == PublicKey;
    }

    /// <summary>Zeroes the private key and everything derived from it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _key.Dispose();
        _disposed = true;
    }

    /// <summary>Names the type and the commitment only.</summary>
    public override string ToString() => _disposed ? "SemaphoreIdentity (disposed)" : $"SemaphoreIdentity (commitment {_commitment})";
}
