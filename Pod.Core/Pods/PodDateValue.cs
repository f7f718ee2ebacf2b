using System.Numerics;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;

namespace Pod;

/// <summary>A date value: milliseconds since the epoch within JavaScript's Date range, hashed like an int.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.PodValueJsonConverter))]
public sealed class PodDateValue : PodValue
{
    internal PodDateValue(long milliseconds)
    {
        if (milliseconds is < DateMinMilliseconds or > DateMaxMilliseconds)
        {
            throw new ArgumentOutOfRangeException(
                nameof(milliseconds), milliseconds, $"A date must be within [{DateMinMilliseconds}, {DateMaxMilliseconds}] milliseconds of 1970-01-01T00:00:00Z.");
        }

        Milliseconds = milliseconds;
    }

    /// <summary>Milliseconds since 1970-01-01T00:00:00Z.</summary>
    public long Milliseconds { get; }

    /// <summary>The date as a DateTimeOffset (UTC).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is outside the years 1 to 9999 that DateTimeOffset holds.</exception>
    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.FromUnixTimeMilliseconds(Milliseconds);

    /// <inheritdoc/>
    public override PodValueType Type => PodValueType.Date;

    /// <inheritdoc/>
    public override BigInteger? CircuitValue => Milliseconds;

    internal override Fr ComputeHash() => Poseidon.Hash(Fr.FromBigIntegerReduced(new BigInteger(Milliseconds)));

    /// <inheritdoc/>
    public override bool Equals(PodValue? other) => other is PodDateValue d && d.Milliseconds == Milliseconds;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Milliseconds);
}
