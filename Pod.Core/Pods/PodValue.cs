using System.Numerics;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;

namespace Pod;

/// <summary>
/// A typed, validated, immutable POD value: one subtype per @pcd/pod value type. Create values with the
/// static factories; each checks the type's range.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.PodValueJsonConverter))]
public abstract class PodValue : IEquatable<PodValue>
{
    /// <summary>The smallest int value, -2^63.</summary>
    public const long IntMin = long.MinValue;

    /// <summary>The largest int value, 2^63 - 1.</summary>
    public const long IntMax = long.MaxValue;

    /// <summary>The earliest date, -8.64e15 ms (JavaScript's Date range).</summary>
    public const long DateMinMilliseconds = -8_640_000_000_000_000;

    /// <summary>The latest date, 8.64e15 ms.</summary>
    public const long DateMaxMilliseconds = 8_640_000_000_000_000;

    private Fr _hash;
    private bool _hashed;

    private protected PodValue()
    {
    }

    /// <summary>The value's type.</summary>
    public abstract PodValueType Type { get; }

    /// <summary>The value hash of @pcd/pod's podValueHash, the leaf the content ID commits to (computed once).</summary>
    public Fr Hash
    {
        get
        {
            if (!Volatile.Read(ref _hashed))
            {
                _hash = ComputeHash();
                Volatile.Write(ref _hashed, true);
            }

            return _hash;
        }
    }

    /// <summary>
    /// The number a GPC circuit takes for numeric types (int, cryptographic, boolean as 0 or 1, date in
    /// milliseconds), as getPODValueForCircuit returns it: negative ints stay negative (the circuit
    /// reduces them mod r). Null for the other types.
    /// </summary>
    public virtual BigInteger? CircuitValue => null;

    /// <summary>True for int, cryptographic, boolean and date (isPODNumericValue).</summary>
    public bool IsNumeric => CircuitValue.HasValue;

    /// <summary>True for int, boolean and date, the types GPC range checks accept (isPODArithmeticValue).</summary>
    public bool IsArithmetic => Type is PodValueType.Int or PodValueType.Boolean or PodValueType.Date;

    /// <summary>The null value.</summary>
    public static PodNullValue Null => PodNullValue.Instance;

    /// <summary>A string value.</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="ArgumentException">The text has a lone UTF-16 surrogate (no exact UTF-8 form).</exception>
    public static PodStringValue String(string value) => new(value);

    /// <summary>A bytes value (the bytes are copied).</summary>
    public static PodBytesValue Bytes(ReadOnlySpan<byte> value) => new(value.ToArray());

    /// <summary>A cryptographic value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not below r.</exception>
    public static PodCryptographicValue Cryptographic(BigInteger value) => new(value);

    /// <summary>A cryptographic value from a field element.</summary>
    public static PodCryptographicValue Cryptographic(Fr value) => new(value);

    /// <summary>An int value.</summary>
    public static PodIntValue Int(long value) => new(value);

    /// <summary>A boolean value.</summary>
    public static PodBooleanValue Boolean(bool value) => value ? PodBooleanValue.True : PodBooleanValue.False;

    /// <summary>A public key value.</summary>
    public static PodEdDsaPublicKeyValue EdDsaPublicKey(EdDsaPublicKey value) => new(value, value.ToString());

    /// <summary>A public key value from @pcd/pod's text forms (Base64 or hex), kept verbatim for JSON.</summary>
    /// <exception cref="FormatException">The text is not 32 bytes in Base64 or hex.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The bytes are not a curve point.</exception>
    public static PodEdDsaPublicKeyValue EdDsaPublicKey(string text) => new(Cryptography.Signatures.EdDsaPublicKey.Parse(text), text);

    /// <summary>A date value in milliseconds since the epoch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside ±8.64e15 ms.</exception>
    public static PodDateValue Date(long milliseconds) => new(milliseconds);

    /// <summary>A date value (to the millisecond; finer ticks are dropped).</summary>
    public static PodDateValue Date(DateTimeOffset value) => new(value.ToUnixTimeMilliseconds());

    internal abstract Fr ComputeHash();

    /// <inheritdoc/>
    public abstract bool Equals(PodValue? other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PodValue other && Equals(other);

    /// <inheritdoc/>
    public abstract override int GetHashCode();

    /// <summary>The value in @pcd/pod's JSON form (printPODValue).</summary>
    public override string ToString() => Serialization.PodJson.SerializeValue(this);

    /// <summary>Equal type and value.</summary>
    public static bool operator ==(PodValue? a, PodValue? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Different type or value.</summary>
    public static bool operator !=(PodValue? a, PodValue? b) => !(a == b);
}
