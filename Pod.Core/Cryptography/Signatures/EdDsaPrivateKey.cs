using System.Security.Cryptography;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;

namespace Pod.Cryptography.Signatures;

/// <summary>
/// An EdDSA-Poseidon private key: any 32 bytes, expanded with BLAKE-512 as @zk-kit/eddsa-poseidon 1.1.0
/// does. Dispose it to zero the key and everything derived from it; it never appears in text.
/// </summary>
public sealed class EdDsaPrivateKey : IDisposable
{
    /// <summary>The size of a private key.</summary>
    public const int SizeInBytes = 32;

    // BLAKE-512(key) (64) then the key: the first half of the hash gives the scalar, the second the nonce prefix.
    private readonly byte[] _material;
    private U256 _prunedScalar;
    private EdDsaPublicKey _publicKey;
    private bool _disposed;

    private EdDsaPrivateKey(ReadOnlySpan<byte> key)
    {
        _material = GC.AllocateArray<byte>(Blake512.HashSizeInBytes + key.Length, pinned: true);
        key.CopyTo(_material.AsSpan(Blake512.HashSizeInBytes));
        Blake512.Hash(key, _material);
        Span<byte> scalar = stackalloc byte[32];
        _material.AsSpan(0, 32).CopyTo(scalar);
        scalar[0] &= 0xF8;
        scalar[31] &= 0x7F;
        scalar[31] |= 0x40;
        _prunedScalar = U256.FromLittleEndian(scalar);
        CryptographicOperations.ZeroMemory(scalar);
        _publicKey = EdDsaPublicKey.FromSubgroupPoint(BabyJubJub.MultiplyBase8(SecretScalarLimbs).ToAffine());
    }

    /// <summary>The public key, Base8 * secret scalar (zk-kit's derivePublicKey).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public EdDsaPublicKey PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _publicKey;
        }
    }

    /// <summary>The pruned scalar s from the key's BLAKE-512 hash.</summary>
    internal U256 PrunedScalar
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _prunedScalar;
        }
    }

    /// <summary>(s &gt;&gt; 3) mod l: zk-kit's deriveSecretScalar, the scalar of the public key.</summary>
    internal U256 SecretScalarLimbs
    {
        get
        {
            U256 shifted = PrunedScalar.ShiftRightOne().ShiftRightOne().ShiftRightOne();
            return ScalarModL.Reduce(shifted).ToCanonicalLimbs();
        }
    }

    /// <summary>The second half of the key's BLAKE-512 hash, which prefixes the message in the nonce hash.</summary>
    internal ReadOnlySpan<byte> NoncePrefix
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _material.AsSpan(32, 32);
        }
    }

    /// <summary>A key from its 32 bytes.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    public static EdDsaPrivateKey Import(ReadOnlySpan<byte> key)
    {
        if (key.Length != SizeInBytes)
        {
            throw new ArgumentException($"An EdDSA-Poseidon private key is {SizeInBytes} bytes, not {key.Length}.", nameof(key));
        }

        return new EdDsaPrivateKey(key);
    }

    /// <summary>
    /// A key from secret bytes of any length, as zk-kit's functions (and Semaphore V4 identities) accept
    /// them: the bytes only feed BLAKE-512.
    /// </summary>
    internal static EdDsaPrivateKey ImportAnyLength(ReadOnlySpan<byte> key) => new(key);

    /// <summary>The length of the key bytes (32 for @pcd/pod keys).</summary>
    internal int KeyLength => _material.Length - Blake512.HashSizeInBytes;

    /// <summary>A fresh key from the operating system's cryptographic random source.</summary>
    public static EdDsaPrivateKey Generate()
    {
        Span<byte> key = stackalloc byte[SizeInBytes];
        RandomNumberGenerator.Fill(key);
        try
        {
            return new EdDsaPrivateKey(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Parses @pcd/pod's private key text: Base64 of the 32 bytes, padded or not, or 64 hex digits.</summary>
    /// <exception cref="FormatException">The text is not 32 bytes in Base64 or hex (the message does not repeat it).</exception>
    public static EdDsaPrivateKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> key = stackalloc byte[SizeInBytes];
        try
        {
            if (!KeyText.TryDecode(text, key))
            {
                throw new FormatException($"A private key must be 32 bytes encoded as hex or Base64; the text given ({text.Length} characters) is not.");
            }

            return new EdDsaPrivateKey(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Copies the key bytes (32 for keys made by this class) into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than the key.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void Export(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.Length < KeyLength)
        {
            throw new ArgumentException($"The destination must hold {KeyLength} bytes, not {destination.Length}.", nameof(destination));
        }

        _material.AsSpan(Blake512.HashSizeInBytes).CopyTo(destination);
    }

    /// <summary>
    /// The key as @pcd/pod's encodePrivateKey writes it (Base64 without padding). The string cannot be
    /// zeroed: prefer <see cref="Export"/> into a buffer you clear.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public string ExportBase64()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return KeyText.ToBase64(_material.AsSpan(Blake512.HashSizeInBytes));
    }

    /// <summary>Signs a field element (zk-kit's signMessage, @pcd/pod's signPODRoot).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public EdDsaSignature Sign(Fr message) => EdDsaPoseidon.Sign(this, message);

    /// <summary>Zeroes the key and everything derived from it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(_material);
        _prunedScalar = default;
        _publicKey = default;
        _disposed = true;
    }

    /// <summary>Names the type and public key only.</summary>
    public override string ToString() => _disposed ? "EdDsaPrivateKey (disposed)" : $"EdDsaPrivateKey (public key {_publicKey})";
}
