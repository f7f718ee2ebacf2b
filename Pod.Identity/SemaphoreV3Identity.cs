using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pod.Cryptography;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Serialization;

namespace Pod.Identity;

/// <summary>
/// A Semaphore V3 identity: two secrets, the trapdoor and the nullifier, with
/// secret = Poseidon(nullifier, trapdoor) and commitment = Poseidon(secret). GPC proofs accept it as a
/// POD owner through its commitment. Dispose it to zero the secrets; they never appear in
/// <see cref="ToString"/> or in exception messages.
/// </summary>
/// <remarks>
/// Matches <c>Identity</c> of @semaphore-protocol/identity 3.15 (as @pcd/semaphore-identity-v3-wrapper
/// uses it): the same message or serialized text gives the same trapdoor, nullifier, commitment and
/// <c>toString()</c>. Differences are listed in docs/compatibility.md.
/// </remarks>
public sealed class SemaphoreV3Identity : IDisposable
{
    /// <summary>The size of each random secret <see cref="Generate"/> draws, as the reference's genRandomNumber.</summary>
    public const int GeneratedSecretSizeInBytes = 31;

    // Integers below 2^53 - 1 (ethers' MAX_SAFE, exclusive): what BigNumber.from takes from a JSON number.
    private const double MaxJsonNumber = 9007199254740991d;

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 1024 };
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private readonly Fr _commitment;
    private Fr _trapdoor;
    private Fr _nullifier;
    private Fr _secret;
    private bool _disposed;

    private SemaphoreV3Identity(in Fr trapdoor, in Fr nullifier)
    {
        _trapdoor = trapdoor;
        _nullifier = nullifier;
        _secret = Poseidon.Hash(nullifier, trapdoor);
        _commitment = Poseidon.Hash(_secret);
    }

    /// <summary>The trapdoor secret.</summary>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public Fr Trapdoor
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _trapdoor;
        }
    }

    /// <summary>The nullifier secret, the input of GPC's V3 nullifier hash.</summary>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public Fr Nullifier
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _nullifier;
        }
    }

    /// <summary>Poseidon(nullifier, trapdoor).</summary>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public Fr Secret
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secret;
        }
    }

    /// <summary>The identity commitment, Poseidon(secret).</summary>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public Fr Commitment
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _commitment;
        }
    }

    /// <summary>The identity with the given trapdoor and nullifier.</summary>
    public static SemaphoreV3Identity Create(Fr trapdoor, Fr nullifier) => new(trapdoor, nullifier);

    /// <summary>
    /// The identity derived from a secret message, as <c>new Identity(message)</c>: h = SHA-512 of the
    /// UTF-8 message, nullifier = h[0..32] &gt;&gt; 3 and trapdoor = h[32..64] &gt;&gt; 3 (both big-endian, so
    /// below 2^253 &lt; r). The identity is as strong as the message.
    /// </summary>
    /// <exception cref="ArgumentNullException">The message is null.</exception>
    /// <exception cref="ArgumentException">
    /// The message has a lone UTF-16 surrogate (the reference's SHA-512 encodes it in a non-standard way),
    /// or is a JSON array, which the reference's constructor reads as a serialized identity: use
    /// <see cref="Import"/> for those.
    /// </exception>
    public static SemaphoreV3Identity FromMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!PodValueHashing.IsWellFormed(message))
        {
            throw new ArgumentException("The message has a lone UTF-16 surrogate, which has no exact UTF-8 form; the reference would hash it in a non-standard way.", nameof(message));
        }

        if (IsJsonArray(message))
        {
            throw new ArgumentException("The message is a JSON array, which the reference's Identity constructor reads as a serialized identity, not as a message; use SemaphoreV3Identity.Import.", nameof(message));
        }

        byte[] bytes = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(message), pinned: true);
        Span<byte> hash = stackalloc byte[SHA512.HashSizeInBytes];
        try
        {
            Encoding.UTF8.GetBytes(message, bytes);
            SHA512.HashData(bytes, hash);
            return new SemaphoreV3Identity(ShiftedHalf(hash[32..]), ShiftedHalf(hash[..32]));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            CryptographicOperations.ZeroMemory(hash);
        }
    }

    /// <summary>A fresh identity: trapdoor and nullifier of 31 random bytes each, as <c>new Identity()</c>.</summary>
    public static SemaphoreV3Identity Generate()
    {
        Span<byte> bytes = stackalloc byte[32]; // big-endian; byte 0 stays zero, so 31 random bytes
        try
        {
            RandomNumberGenerator.Fill(bytes[1..]);
            Fr trapdoor = Fr.FromCanonicalBytes(bytes, ByteOrder.BigEndian);
            RandomNumberGenerator.Fill(bytes[1..]);
            Fr nullifier = Fr.FromCanonicalBytes(bytes, ByteOrder.BigEndian);
            return new SemaphoreV3Identity(trapdoor, nullifier);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// Reads a serialized identity, the JSON array <c>[trapdoor, nullifier]</c> that <see cref="Export"/>
    /// and the reference's <c>toString()</c> write. Each element is a string of 0x-prefixed hex or
    /// decimal digits, or a JSON integer below 2^53 - 1, as ethers' <c>BigNumber.from</c> reads it, and
    /// must be below r.
    /// </summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="FormatException">The text is not such an array (the message does not repeat the secret text).</exception>
    public static SemaphoreV3Identity Import(string serialized)
    {
        ArgumentNullException.ThrowIfNull(serialized);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(serialized, JsonOptions);
        }
        catch (Exception e) when (e is JsonException || JsonTextErrors.IsInvalidText(e))
        {
            throw new FormatException($"A serialized Semaphore V3 identity is a JSON array [trapdoor, nullifier]; the text given ({serialized.Length} characters) is not JSON.");
        }

        using (document)
        try
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2)
            {
                throw new FormatException($"A serialized Semaphore V3 identity is a JSON array of two elements [trapdoor, nullifier]; the text given ({serialized.Length} characters) is not.");
            }

            Fr trapdoor = ReadSecret(root[0], "trapdoor");
            Fr nullifier = ReadSecret(root[1], "nullifier");
            return new SemaphoreV3Identity(trapdoor, nullifier);
        }
        catch (InvalidOperationException e) when (JsonTextErrors.IsInvalidText(e))
        {
            // An escaped lone surrogate in an element: System.Text.Json finds it only when reading the string.
            throw new FormatException("A serialized Semaphore V3 identity holds a string that is not well-formed Unicode.");
        }
    }

    /// <summary>
    /// The identity as the reference's <c>toString()</c> writes it, <c>["0x&lt;trapdoor&gt;","0x&lt;nullifier&gt;"]</c>
    /// in lowercase hex without leading zeros. This text is the secret: the string cannot be zeroed.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public string Export()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return $"[\"{_trapdoor.ToHexString()}\",\"{_nullifier.ToHexString()}\"]";
    }

    /// <summary>
    /// The value of a POD's <c>owner</c> entry for this identity: its commitment as a cryptographic value,
    /// as GPC's semaphoreV3 owner.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public PodCryptographicValue ToOwnerValue() => PodValue.Cryptographic(Commitment);

    /// <summary>
    /// True when an owner entry's value names this identity: a cryptographic value equal to its commitment
    /// (the only owner type GPC accepts for V3). False for any other value.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public bool Owns(PodValue ownerValue)
    {
        ArgumentNullException.ThrowIfNull(ownerValue);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ownerValue is PodCryptographicValue value && value.Element == Commitment;
    }

    /// <summary>Zeroes the trapdoor, the nullifier and the secret.</summary>
    public void Dispose()
    {
        _trapdoor = default;
        _nullifier = default;
        _secret = default;
        _disposed = true;
    }

    /// <summary>Names the type and the commitment only.</summary>
    public override string ToString() => _disposed ? "SemaphoreV3Identity (disposed)" : $"SemaphoreV3Identity (commitment {_commitment})";

    private static Fr ShiftedHalf(ReadOnlySpan<byte> half) =>
        Fr.FromCanonicalLimbs(U256.FromBigEndian(half).ShiftRightOne().ShiftRightOne().ShiftRightOne()); // below 2^253 < r

    private static Fr ReadSecret(JsonElement element, string name)
    {
        BigInteger value;
        if (element.ValueKind == JsonValueKind.String)
        {
            string text = element.GetString()!;
            if (!TryParseEthersString(text, out value))
            {
                throw new FormatException($"The {name} of a serialized Semaphore V3 identity must be 0x-prefixed hex or decimal digits; the string given ({text.Length} characters) is not.");
            }
        }
        else if (element.ValueKind == JsonValueKind.Number
            && element.TryGetDouble(out double number)
            && double.IsInteger(number) && number >= 0 && number < MaxJsonNumber)
        {
            value = new BigInteger(number);
        }
        else
        {
            string given = element.ValueKind switch
            {
                JsonValueKind.Number => "a number that is not an integer in [0, 2^53 - 2]",
                JsonValueKind.Array => "an array",
                JsonValueKind.Object => "an object",
                JsonValueKind.True or JsonValueKind.False => "a boolean",
                _ => "null",
            };
            throw new FormatException($"The {name} of a serialized Semaphore V3 identity must be a string of hex or decimal digits or an integer in [0, 2^53 - 2]; {given} was given.");
        }

        if (value >= Fr.Modulus)
        {
            throw new FormatException($"The {name} of a serialized Semaphore V3 identity must be below r; the value given is not.");
        }

        return Fr.FromBigInteger(value);
    }

    // ethers v5 BigNumber.from(string): /^-?0x[0-9a-f]+$/i or /^-?[0-9]+$/, then BN.js reads the digits after
    // "0x", so an uppercase "0X" passes the pattern and is refused ("Invalid character in 0X1"): lowercase prefix
    // only. Negatives are refused here (docs/compatibility.md).
    private static bool TryParseEthersString(string text, out BigInteger value)
    {
        value = default;
        if (text.Length > 2 && text[0] == '0' && text[1] == 'x')
        {
            ReadOnlySpan<char> hex = text.AsSpan(2);
            return !hex.ContainsAnyExcept(HexDigits)
                && (TooLongForTheField(hex, 64, out value)
                    || BigInteger.TryParse(string.Concat("0", hex), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value));
        }

        return text.Length > 0 && !text.AsSpan().ContainsAnyExceptInRange('0', '9')
            && (TooLongForTheField(text, 77, out value) || BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value));
    }

    // BigInteger parsing is superlinear in the digits, and ethers accepts any number of leading zeros, so the length
    // alone cannot refuse: past the zeros, more significant digits than r has (64 hex, 77 decimal) is a value of at
    // least r, which the caller refuses; r itself stands for it instead of parsing the digits.
    private static bool TooLongForTheField(ReadOnlySpan<char> digits, int fieldDigits, out BigInteger value)
    {
        value = Fr.Modulus;
        return digits.TrimStart('0').Length > fieldDigits;
    }

    // JSON.parse succeeds and gives an array; only text starting with '[' after JSON white space can.
    private static bool IsJsonArray(string text)
    {
        ReadOnlySpan<char> trimmed = text.AsSpan().TrimStart(" \t\n\r");
        if (trimmed.IsEmpty || trimmed[0] != '[')
        {
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text, JsonOptions);
            return document.RootElement.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
