using System.Security.Cryptography;
using Pod.Cryptography.Curves;

namespace Pod.Cryptography.Signatures;

/// <summary>
/// An EdDSA-Poseidon public key: a BabyJubJub point, encoded as the 32-byte packed point and, as text,
/// as @pcd/pod's <c>encodePublicKey</c> writes it (Base64 without padding).
/// </summary>
/// <remarks>
/// Any point of the curve is a key, as in the reference; whether it lies in the prime-order subgroup
/// (and is not the identity) is decided once, when first asked (a scalar multiplication, so parsing
/// stays cheap), and keys that do not never verify.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.EdDsaPublicKeyJsonConverter))]
public readonly struct EdDsaPublicKey : IEquatable<EdDsaPublicKey>
{
    /// <summary>The size of a packed key.</summary>
    public const int SizeInBytes = BabyJubJub.PackedSizeInBytes;

    private readonly SignerKeyCheck? _check;

    private EdDsaPublicKey(BabyJubJubPoint point, SignerKeyCheck check)
    {
        Point = point;
        _check = check;
    }

    /// <summary>The key as a curve point.</summary>
    public BabyJubJubPoint Point { get; }

    /// <summary>
    /// True when the key is a point of the prime-order subgroup other than the identity: the only keys
    /// for which <see cref="EdDsaPoseidon.Verify(EdDsaPublicKey, Pod.Cryptography.Fields.Fr, EdDsaSignature)"/> can succeed.
    /// </summary>
    public bool IsValidSignerKey => _check is not null && _check.IsValid(Point);

    /// <summary>The key for a curve point.</summary>
    /// <exception cref="CryptographicException">The point is not on the curve.</exception>
    public static EdDsaPublicKey FromPoint(BabyJubJubPoint point)
    {
        if (!point.IsOnCurve)
        {
            throw new CryptographicException($"The public key point {point} is not on the BabyJubJub curve.");
        }

        return FromCurvePoint(point);
    }

    internal static EdDsaPublicKey FromCurvePoint(BabyJubJubPoint point) => new(point, new SignerKeyCheck());

    /// <summary>Derived keys are Base8 multiples, so they need no subgroup check.</summary>
    internal static EdDsaPublicKey FromSubgroupPoint(BabyJubJubPoint point) =>
        new(point, point.IsIdentity ? SignerKeyCheck.KnownInvalid : SignerKeyCheck.KnownValid);

    /// <summary>The cached answer to "in the prime-order subgroup and not the identity"; races only repeat the work.</summary>
    private sealed class SignerKeyCheck
    {
        public static readonly SignerKeyCheck KnownValid = new(1);
        public static readonly SignerKeyCheck KnownInvalid = new(2);

        private int _state;

        public SignerKeyCheck(int state = 0) => _state = state;

        public bool IsValid(in BabyJubJubPoint point)
        {
            int state = Volatile.Read(ref _state);
            if (state == 0)
            {
                state = !point.IsIdentity && point.IsInPrimeOrderSubgroup ? 1 : 2;
                Volatile.Write(ref _state, state);
            }

            return state == 1;
        }
    }

    /// <summary>Decodes a packed key; false for a wrong length or bytes that are not a canonical curve point.</summary>
    public static bool TryFromPacked(ReadOnlySpan<byte> packed, out EdDsaPublicKey key)
    {
        if (BabyJubJubPoint.TryUnpack(packed, out BabyJubJubPoint point))
        {
            key = FromCurvePoint(point);
            return true;
        }

        key = default;
        return false;
    }

    /// <summary>Decodes a packed key.</summary>
    /// <exception cref="ArgumentException">The input is not 32 bytes.</exception>
    /// <exception cref="CryptographicException">The bytes are not a canonical curve point.</exception>
    public static EdDsaPublicKey FromPacked(ReadOnlySpan<byte> packed) => FromCurvePoint(BabyJubJubPoint.Unpack(packed));

    /// <summary>Writes the 32-byte packed key.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 32 bytes.</exception>
    public void WritePacked(Span<byte> destination) => Point.Pack(destination);

    /// <summary>The 32-byte packed key.</summary>
    public byte[] ToPacked() => Point.Pack();

    /// <summary>Parses @pcd/pod's text forms: Base64 of the packed key, padded or not, or 64 hex digits.</summary>
    /// <exception cref="FormatException">The text is not 32 bytes in Base64 or hex.</exception>
    /// <exception cref="CryptographicException">The bytes are not a canonical curve point.</exception>
    public static EdDsaPublicKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> packed = stackalloc byte[SizeInBytes];
        if (!KeyText.TryDecode(text, packed))
        {
            throw new FormatException($"The public key {KeyText.Describe(text)} is not 32 bytes encoded as hex or Base64.");
        }

        if (!BabyJubJubPoint.TryUnpack(packed, out BabyJubJubPoint point))
        {
            throw new CryptographicException($"The public key {KeyText.Describe(text)} is not a packed BabyJubJub point.");
        }

        return FromCurvePoint(point);
    }

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out EdDsaPublicKey key)
    {
        Span<byte> packed = stackalloc byte[SizeInBytes];
        if (text is not null && KeyText.TryDecode(text, packed))
        {
            return TryFromPacked(packed, out key);
        }

        key = default;
        return false;
    }

    /// <summary>Unpadded Base64 of the packed key, as @pcd/pod's encodePublicKey writes it.</summary>
    public override string ToString() => KeyText.ToBase64(ToPacked());

    /// <summary>Lowercase hex of the packed key.</summary>
    public string ToHexString() => Convert.ToHexStringLower(ToPacked());

    /// <inheritdoc/>
    public bool Equals(EdDsaPublicKey other) => Point == other.Point;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EdDsaPublicKey other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Point.GetHashCode();

    /// <summary>Equal points.</summary>
    public static bool operator ==(EdDsaPublicKey a, EdDsaPublicKey b) => a.Equals(b);

    /// <summary>Different points.</summary>
    public static bool operator !=(EdDsaPublicKey a, EdDsaPublicKey b) => !a.Equals(b);
}
