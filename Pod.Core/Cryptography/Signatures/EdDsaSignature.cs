using System.Numerics;
using System.Security.Cryptography;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Signatures;

/// <summary>
/// An EdDSA-Poseidon signature (R8, S): packed as 64 bytes, the packed point R8 then S as 32 bytes
/// little-endian, and as text as @pcd/pod's <c>encodeSignature</c> writes it (Base64 without padding).
/// </summary>
/// <remarks>
/// Any S below 2^256 can be held, as the packed form allows; S &gt;= l never verifies.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.EdDsaSignatureJsonConverter))]
public readonly struct EdDsaSignature : IEquatable<EdDsaSignature>
{
    /// <summary>The size of a packed signature.</summary>
    public const int SizeInBytes = 64;

    private readonly U256 _s;

    internal EdDsaSignature(BabyJubJubPoint r8, in U256 s)
    {
        R8 = r8;
        _s = s;
    }

    /// <summary>The commitment point R8 = r * Base8.</summary>
    public BabyJubJubPoint R8 { get; }

    /// <summary>The response S = r + H(R8, A, m) * s mod l.</summary>
    public BigInteger S => _s.ToBigInteger();

    internal U256 SLimbs => _s;

    /// <summary>A signature from its parts.</summary>
    /// <exception cref="CryptographicException">R8 is not on the curve.</exception>
    /// <exception cref="ArgumentOutOfRangeException">S is negative or 2^256 or more.</exception>
    public static EdDsaSignature FromComponents(BabyJubJubPoint r8, BigInteger s)
    {
        if (!r8.IsOnCurve)
        {
            throw new CryptographicException($"The signature point R8 {r8} is not on the BabyJubJub curve.");
        }

        if (s.Sign < 0 || s.GetBitLength() > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(s), s, "The signature scalar S must be in [0, 2^256).");
        }

        return new EdDsaSignature(r8, U256.FromBigInteger(s));
    }

    /// <summary>Decodes 64 packed bytes; false for a wrong length or an R8 that is not a canonical curve point.</summary>
    public static bool TryFromPacked(ReadOnlySpan<byte> packed, out EdDsaSignature signature)
    {
        signature = default;
        if (packed.Length != SizeInBytes || !BabyJubJubPoint.TryUnpack(packed[..32], out BabyJubJubPoint r8))
        {
            return false;
        }

        signature = new EdDsaSignature(r8, U256.FromLittleEndian(packed[32..]));
        return true;
    }

    /// <summary>Decodes 64 packed bytes.</summary>
    /// <exception cref="ArgumentException">The input is not 64 bytes.</exception>
    /// <exception cref="CryptographicException">R8 is not a canonical curve point.</exception>
    public static EdDsaSignature FromPacked(ReadOnlySpan<byte> packed)
    {
        if (packed.Length != SizeInBytes)
        {
            throw new ArgumentException($"A packed signature is {SizeInBytes} bytes, not {packed.Length}.", nameof(packed));
        }

        if (!TryFromPacked(packed, out EdDsaSignature signature))
        {
            throw new CryptographicException($"The signature point R8 {Convert.ToHexStringLower(packed[..32])} is not a packed BabyJubJub point.");
        }

        return signature;
    }

    /// <summary>Writes the 64-byte packed signature.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 64 bytes.</exception>
    public void WritePacked(Span<byte> destination)
    {
        if (destination.Length < SizeInBytes)
        {
            throw new ArgumentException($"The destination must hold {SizeInBytes} bytes, not {destination.Length}.", nameof(destination));
        }

        R8.Pack(destination);
        _s.WriteLittleEndian(destination[32..]);
    }

    /// <summary>The 64-byte packed signature.</summary>
    public byte[] ToPacked()
    {
        byte[] packed = new byte[SizeInBytes];
        WritePacked(packed);
        return packed;
    }

    /// <summary>Parses @pcd/pod's text forms: Base64 of the packed signature, padded or not, or 128 hex digits.</summary>
    /// <exception cref="FormatException">The text is not 64 bytes in Base64 or hex.</exception>
    /// <exception cref="CryptographicException">R8 is not a canonical curve point.</exception>
    public static EdDsaSignature Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> packed = stackalloc byte[SizeInBytes];
        if (!KeyText.TryDecode(text, packed))
        {
            throw new FormatException($"The signature {KeyText.Describe(text)} is not 64 bytes encoded as hex or Base64.");
        }

        if (!TryFromPacked(packed, out EdDsaSignature signature))
        {
            throw new CryptographicException($"The signature {KeyText.Describe(text)} has an R8 that is not a packed BabyJubJub point.");
        }

        return signature;
    }

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out EdDsaSignature signature)
    {
        Span<byte> packed = stackalloc byte[SizeInBytes];
        if (text is not null && KeyText.TryDecode(text, packed))
        {
            return TryFromPacked(packed, out signature);
        }

        signature = default;
        return false;
    }

    /// <summary>Unpadded Base64 of the packed signature, as @pcd/pod's encodeSignature writes it.</summary>
    public override string ToString() => KeyText.ToBase64(ToPacked());

    /// <summary>Lowercase hex of the packed signature.</summary>
    public string ToHexString() => Convert.ToHexStringLower(ToPacked());

    /// <inheritdoc/>
    public bool Equals(EdDsaSignature other) => R8 == other.R8 && _s.Equals(other._s);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EdDsaSignature other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(R8, _s);

    /// <summary>Equal R8 and S.</summary>
    public static bool operator ==(EdDsaSignature a, EdDsaSignature b) => a.Equals(b);

    /// <summary>Different R8 or S.</summary>
    public static bool operator !=(EdDsaSignature a, EdDsaSignature b) => !a.Equals(b);
}
