using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Pod.Serialization.MessagePack;

/// <summary>
/// Reads MessagePack values from a span, strictly: only the shortest (canonical) encoding of each value is
/// accepted, so every value has exactly one byte form. Lengths and counts are checked against the remaining
/// input before anything is sliced or allocated. Every malformed input fails with a <see cref="FormatException"/>
/// naming what was expected, the type byte found and its offset; on failure the position does not move.
/// </summary>
internal ref struct MessagePackReader
{
    private const byte Nil = 0xc0;
    private const byte False = 0xc2;
    private const byte True = 0xc3;
    private const byte Bin8 = 0xc4;
    private const byte Bin16 = 0xc5;
    private const byte Bin32 = 0xc6;
    private const byte UInt8 = 0xcc;
    private const byte UInt16 = 0xcd;
    private const byte UInt32 = 0xce;
    private const byte UInt64 = 0xcf;
    private const byte Int8 = 0xd0;
    private const byte Int16 = 0xd1;
    private const byte Int32 = 0xd2;
    private const byte Int64 = 0xd3;
    private const byte Str8 = 0xd9;
    private const byte Str16 = 0xda;
    private const byte Str32 = 0xdb;
    private const byte Array16 = 0xdc;
    private const byte Array32 = 0xdd;
    private const byte Map16 = 0xde;
    private const byte Map32 = 0xdf;

    // Throws on invalid bytes instead of substituting U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _input;
    private int _position;

    /// <summary>Creates a reader positioned at the start of <paramref name="input"/>.</summary>
    public MessagePackReader(ReadOnlySpan<byte> input)
    {
        _input = input;
        _position = 0;
    }

    /// <summary>Gets the offset of the next unread byte.</summary>
    public readonly int Position => _position;

    /// <summary>Gets a value indicating whether all input has been read.</summary>
    public readonly bool End => _position == _input.Length;

    /// <summary>Returns the type of the next value without consuming it.</summary>
    /// <exception cref="FormatException">The input is exhausted.</exception>
    public readonly MessagePackType PeekType() => PeekCode("a value") switch
    {
        <= 0x7f or >= 0xe0 or (>= UInt8 and <= Int64) => MessagePackType.Integer,
        <= 0x8f or Map16 or Map32 => MessagePackType.Map,
        <= 0x9f or Array16 or Array32 => MessagePackType.Array,
        <= 0xbf or Str8 or Str16 or Str32 => MessagePackType.String,
        Nil => MessagePackType.Nil,
        False or True => MessagePackType.Boolean,
        Bin8 or Bin16 or Bin32 => MessagePackType.Binary,
        _ => MessagePackType.Unsupported,
    };

    /// <summary>Reads nil.</summary>
    /// <exception cref="FormatException">The next value is not nil.</exception>
    public void ReadNil()
    {
        const string Expected = "nil";
        if (PeekCode(Expected) != Nil)
        {
            throw Unexpected(Expected);
        }

        _position++;
    }

    /// <summary>Reads a boolean.</summary>
    /// <exception cref="FormatException">The next value is not a boolean.</exception>
    public bool ReadBoolean()
    {
        const string Expected = "a boolean";
        bool value = PeekCode(Expected) switch
        {
            False => false,
            True => true,
            _ => throw Unexpected(Expected),
        };
        _position++;
        return value;
    }

    /// <summary>Reads a canonically encoded integer that fits in <see cref="long"/>.</summary>
    /// <exception cref="FormatException">The next value is not an integer, is not canonical, or exceeds <see cref="long.MaxValue"/>.</exception>
    public long ReadInt64()
    {
        const string Expected = "a signed 64-bit integer";
        ulong bits = DecodeInteger(Expected, out bool negative, out int size);
        if (!negative && bits > long.MaxValue)
        {
            throw Fail(Expected, string.Create(CultureInfo.InvariantCulture, $" holding {bits}, which is out of range"));
        }

        _position += size;
        return unchecked((long)bits);
    }

    /// <summary>Reads a canonically encoded non-negative integer.</summary>
    /// <exception cref="FormatException">The next value is not an integer, is not canonical, or is negative.</exception>
    public ulong ReadUInt64()
    {
        const string Expected = "an unsigned 64-bit integer";
        ulong bits = DecodeInteger(Expected, out bool negative, out int size);
        if (negative)
        {
            throw Fail(Expected, string.Create(CultureInfo.InvariantCulture, $" holding {unchecked((long)bits)}, which is negative"));
        }

        _position += size;
        return bits;
    }

    /// <summary>Reads a canonically encoded, valid UTF-8 string.</summary>
    /// <exception cref="FormatException">The next value is not a string, is not canonical, is truncated or is not valid UTF-8.</exception>
    public string ReadString()
    {
        const string Expected = "a string";
        byte code = PeekCode(Expected);
        long length = code switch
        {
            >= 0xa0 and <= 0xbf => code & 0x1f,
            Str8 => DecodeLength(Expected, 1, 32),
            Str16 => DecodeLength(Expected, 2, 256),
            Str32 => DecodeLength(Expected, 4, 65536),
            _ => throw Unexpected(Expected),
        };

        int start = _position + HeaderSize(code);
        ReadOnlySpan<byte> data = Payload(Expected, start, length);
        if (!Utf8.IsValid(data))
        {
            throw Fail(Expected, ", whose bytes are not valid UTF-8");
        }

        string value = StrictUtf8.GetString(data);
        _position = start + data.Length;
        return value;
    }

    /// <summary>Reads a canonically encoded byte string; the result is a slice of the input.</summary>
    /// <exception cref="FormatException">The next value is not binary, is not canonical or is truncated.</exception>
    public ReadOnlySpan<byte> ReadBinary()
    {
        const string Expected = "binary";
        byte code = PeekCode(Expected);
        long length = code switch
        {
            Bin8 => DecodeLength(Expected, 1, 0),
            Bin16 => DecodeLength(Expected, 2, 256),
            Bin32 => DecodeLength(Expected, 4, 65536),
            _ => throw Unexpected(Expected),
        };

        int start = _position + HeaderSize(code);
        ReadOnlySpan<byte> data = Payload(Expected, start, length);
        _position = start + data.Length;
        return data;
    }

    /// <summary>Reads a canonically encoded array header and returns the element count; the elements follow.</summary>
    /// <exception cref="FormatException">The next value is not an array, is not canonical, or claims more elements than bytes remain.</exception>
    public int ReadArrayHeader()
    {
        const string Expected = "an array";
        byte code = PeekCode(Expected);
        long count = code switch
        {
            >= 0x90 and <= 0x9f => code & 0x0f,
            Array16 => DecodeLength(Expected, 2, 16),
            Array32 => DecodeLength(Expected, 4, 65536),
            _ => throw Unexpected(Expected),
        };
        return CommitCount(Expected, code, count, bytesPerItem: 1);
    }

    /// <summary>Reads a canonically encoded map header and returns the number of key-value pairs; the pairs follow.</summary>
    /// <exception cref="FormatException">The next value is not a map, is not canonical, or claims more pairs than remaining bytes can hold.</exception>
    public int ReadMapHeader()
    {
        const string Expected = "a map";
        byte code = PeekCode(Expected);
        long count = code switch
        {
            >= 0x80 and <= 0x8f => code & 0x0f,
            Map16 => DecodeLength(Expected, 2, 16),
            Map32 => DecodeLength(Expected, 4, 65536),
            _ => throw Unexpected(Expected),
        };

        // A pair is a key and a value, each at least one byte.
        return CommitCount(Expected, code, count, bytesPerItem: 2);
    }

    /// <summary>Checks that all input has been read.</summary>
    /// <exception cref="FormatException">Bytes remain after the last value.</exception>
    public readonly void EnsureEnd()
    {
        if (!End)
        {
            throw new FormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"MessagePack: expected the end of the input at offset {_position}, found {Describe(_input[_position])} and {_input.Length - _position - 1} more trailing bytes."));
        }
    }

    /// <summary>Size of the type byte plus the length field that follows it.</summary>
    private static int HeaderSize(byte code) => code switch
    {
        Bin8 or Str8 => 2,
        Bin16 or Str16 or Array16 or Map16 => 3,
        Bin32 or Str32 or Array32 or Map32 => 5,
        _ => 1,
    };

    private static string Describe(byte code) => string.Create(CultureInfo.InvariantCulture, $"0x{code:x2} ({FormatName(code)})");

    private static string FormatName(byte code) => code switch
    {
        <= 0x7f => "positive fixint",
        <= 0x8f => "fixmap",
        <= 0x9f => "fixarray",
        <= 0xbf => "fixstr",
        >= 0xe0 => "negative fixint",
        Nil => "nil",
        0xc1 => "never used",
        False => "false",
        True => "true",
        Bin8 => "bin8",
        Bin16 => "bin16",
        Bin32 => "bin32",
        0xc7 => "ext8",
        0xc8 => "ext16",
        0xc9 => "ext32",
        0xca => "float32",
        0xcb => "float64",
        UInt8 => "uint8",
        UInt16 => "uint16",
        UInt32 => "uint32",
        UInt64 => "uint64",
        Int8 => "int8",
        Int16 => "int16",
        Int32 => "int32",
        Int64 => "int64",
        0xd4 => "fixext1",
        0xd5 => "fixext2",
        0xd6 => "fixext4",
        0xd7 => "fixext8",
        0xd8 => "fixext16",
        Str8 => "str8",
        Str16 => "str16",
        Str32 => "str32",
        Array16 => "array16",
        Array32 => "array32",
        Map16 => "map16",
        _ => "map32",
    };

    private readonly byte PeekCode(string expected)
    {
        if (End)
        {
            throw new FormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"MessagePack: expected {expected} at offset {_position}, found the end of the input."));
        }

        return _input[_position];
    }

    /// <summary>
    /// Decodes the integer at the position without consuming it. Returns its two's complement bits;
    /// <paramref name="negative"/> tells whether they are a negative <see cref="long"/> or a <see cref="ulong"/>.
    /// </summary>
    private readonly ulong DecodeInteger(string expected, out bool negative, out int size)
    {
        byte code = PeekCode(expected);
        if (code <= 0x7f)
        {
            negative = false;
            size = 1;
            return code;
        }

        if (code >= 0xe0)
        {
            negative = true;
            size = 1;
            return unchecked((ulong)(sbyte)code);
        }

        int width = code switch
        {
            UInt8 or Int8 => 1,
            UInt16 or Int16 => 2,
            UInt32 or Int32 => 4,
            UInt64 or Int64 => 8,
            _ => throw Unexpected(expected),
        };
        ulong raw = BigEndian(Payload(expected, _position + 1, width));
        size = 1 + width;

        if (code <= UInt64)
        {
            // Each unsigned width must hold a value too big for the next narrower form.
            ulong minimum = code switch
            {
                UInt8 => 0x80,
                UInt16 => 0x100,
                UInt32 => 0x1_0000,
                _ => 0x1_0000_0000,
            };
            if (raw < minimum)
            {
                throw NonCanonical(expected, raw.ToString(CultureInfo.InvariantCulture), "it has a shorter encoding");
            }

            negative = false;
            return raw;
        }

        // Sign-extend the width-byte value to 64 bits.
        int shift = 64 - (8 * width);
        long value = unchecked((long)(raw << shift)) >> shift;
        if (value >= 0)
        {
            throw NonCanonical(expected, value.ToString(CultureInfo.InvariantCulture), "non-negative values must use the unsigned forms");
        }

        // Each signed width must hold a value too negative for the next narrower form.
        long maximum = code switch
        {
            Int8 => -33,
            Int16 => sbyte.MinValue - 1,
            Int32 => short.MinValue - 1,
            _ => (long)int.MinValue - 1,
        };
        if (value > maximum)
        {
            throw NonCanonical(expected, value.ToString(CultureInfo.InvariantCulture), "it has a shorter encoding");
        }

        negative = true;
        return unchecked((ulong)value);
    }

    /// <summary>
    /// Reads the <paramref name="width"/>-byte length or count following the type byte, rejecting values
    /// below <paramref name="minimum"/>, which fit a shorter header.
    /// </summary>
    private readonly long DecodeLength(string expected, int width, uint minimum)
    {
        // At most 4 bytes wide, so the value fits in a long; callers bound it by the input before using it.
        long length = (long)BigEndian(Payload(expected, _position + 1, width));
        if (length < minimum)
        {
            throw NonCanonical(expected, length.ToString(CultureInfo.InvariantCulture), "it has a shorter header");
        }

        return length;
    }

    /// <summary>Returns the <paramref name="length"/> bytes at <paramref name="start"/>, or throws if the input ends first.</summary>
    private readonly ReadOnlySpan<byte> Payload(string expected, int start, long length)
    {
        // Callers only pass a start they have checked, so available is never negative.
        int available = _input.Length - start;
        if (length > available)
        {
            throw Truncated(expected, length, available);
        }

        return _input.Slice(start, (int)length);
    }

    private int CommitCount(string expected, byte code, long count, int bytesPerItem)
    {
        int start = _position + HeaderSize(code);
        int available = _input.Length - start;

        // count is below 2^32, so the product cannot overflow a long; passing the check also bounds it by int.
        if (count * bytesPerItem > available)
        {
            throw Fail(expected, string.Create(
                CultureInfo.InvariantCulture,
                $" claiming {count} entries, which need at least {count * bytesPerItem} bytes but only {available} remain"));
        }

        _position = start;
        return (int)count;
    }

    private static ulong BigEndian(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        foreach (byte b in bytes)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private readonly FormatException Unexpected(string expected) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"MessagePack: expected {expected} at offset {_position}, found {Describe(_input[_position])}."));

    private readonly FormatException Truncated(string expected, long needed, int available) =>
        Fail(expected, string.Create(CultureInfo.InvariantCulture, $", which needs {needed} more bytes but only {available} remain"));

    private readonly FormatException NonCanonical(string expected, string value, string reason) =>
        Fail(expected, $" holding {value}, which is not canonical: {reason}");

    private readonly FormatException Fail(string expected, string detail) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"MessagePack: expected {expected} at offset {_position}, found {Describe(_input[_position])}{detail}."));
}
