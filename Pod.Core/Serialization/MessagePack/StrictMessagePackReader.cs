using System.Globalization;
using System.Text;
using System.Text.Unicode;
using LibraryReader = MessagePack.MessagePackReader;

namespace Pod.Serialization.MessagePack;

/// <summary>
/// Reads MessagePack values strictly over the MessagePack library's <see cref="LibraryReader"/>: the library
/// decodes, and this layer accepts only the shortest (canonical) encoding of each value, so every POD has exactly
/// one byte form. The library is lenient where our format is not (it reads non-shortest widths, signed forms of
/// non-negative integers, strings as binary, and replaces invalid UTF-8), so the type byte is checked before each
/// read and the number of bytes consumed after it. Every malformed input fails with a <see cref="FormatException"/>
/// naming what was expected, the type byte found and its offset; on failure the position does not move.
/// </summary>
internal ref struct StrictMessagePackReader
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

    private readonly ReadOnlyMemory<byte> _input;
    private LibraryReader _reader;

    /// <summary>Creates a reader positioned at the start of <paramref name="input"/>.</summary>
    public StrictMessagePackReader(ReadOnlyMemory<byte> input)
    {
        _input = input;
        _reader = new LibraryReader(input);
    }

    private delegate T LibraryRead<T>(ref LibraryReader reader);

    /// <summary>Gets the offset of the next unread byte.</summary>
    public readonly int Position => checked((int)_reader.Consumed);

    /// <summary>Gets a value indicating whether all input has been read.</summary>
    public readonly bool End => Position == _input.Length;

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

        _reader.ReadNil();
    }

    /// <summary>Reads a boolean.</summary>
    /// <exception cref="FormatException">The next value is not a boolean.</exception>
    public bool ReadBoolean()
    {
        const string Expected = "a boolean";
        if (PeekCode(Expected) is not (False or True))
        {
            throw Unexpected(Expected);
        }

        return _reader.ReadBoolean();
    }

    /// <summary>Reads a canonically encoded integer that fits in <see cref="long"/>.</summary>
    /// <exception cref="FormatException">The next value is not an integer, is not canonical, or exceeds <see cref="long.MaxValue"/>.</exception>
    public long ReadInt64()
    {
        const string Expected = "a signed 64-bit integer";
        byte code = PeekCode(Expected);
        if (!IsInteger(code))
        {
            throw Unexpected(Expected);
        }

        if (code == UInt64 && Remaining >= 9 && _input.Span[Position + 1] >= 0x80)
        {
            throw Fail(Expected, " holding a value above 9223372036854775807, which is out of range");
        }

        LibraryReader probe = _reader;
        long value = Decode(Expected, ref probe, static (ref LibraryReader r) => r.ReadInt64());
        CheckInteger(Expected, code, value >= 0, value.ToString(CultureInfo.InvariantCulture), Consumed(probe), ShortestIntegerSize(value));
        _reader = probe;
        return value;
    }

    /// <summary>Reads a canonically encoded non-negative integer.</summary>
    /// <exception cref="FormatException">The next value is not an integer, is not canonical, or is negative.</exception>
    public ulong ReadUInt64()
    {
        const string Expected = "an unsigned 64-bit integer";
        byte code = PeekCode(Expected);
        if (!IsInteger(code))
        {
            throw Unexpected(Expected);
        }

        LibraryReader probe = _reader;
        if (IsSigned(code))
        {
            long signed = Decode(Expected, ref probe, static (ref LibraryReader r) => r.ReadInt64());
            if (signed < 0)
            {
                throw Fail(Expected, string.Create(CultureInfo.InvariantCulture, $" holding {signed}, which is negative"));
            }

            throw NonCanonical(Expected, signed.ToString(CultureInfo.InvariantCulture), "non-negative values must use the unsigned forms");
        }

        ulong value = Decode(Expected, ref probe, static (ref LibraryReader r) => r.ReadUInt64());
        CheckInteger(Expected, code, nonNegative: true, value.ToString(CultureInfo.InvariantCulture), Consumed(probe), ShortestUnsignedSize(value));
        _reader = probe;
        return value;
    }

    /// <summary>Reads a canonically encoded, valid UTF-8 string.</summary>
    /// <exception cref="FormatException">The next value is not a string, is not canonical, is truncated or is not valid UTF-8.</exception>
    public string ReadString()
    {
        const string Expected = "a string";
        byte code = PeekCode(Expected);
        if (code is not ((>= 0xa0 and <= 0xbf) or Str8 or Str16 or Str32))
        {
            throw Unexpected(Expected);
        }

        LibraryReader probe = _reader;
        ReadOnlySpan<byte> data = Span(Decode(Expected, ref probe, static (ref LibraryReader r) => r.ReadStringSequence()));
        CheckHeader(Expected, Consumed(probe) - data.Length, data.Length, data.Length switch
        {
            <= 31 => 1,
            <= byte.MaxValue => 2,
            <= ushort.MaxValue => 3,
            _ => 5,
        });

        // The library would decode invalid UTF-8 to U+FFFD; a POD string has exactly one byte form.
        if (!Utf8.IsValid(data))
        {
            throw Fail(Expected, ", whose bytes are not valid UTF-8");
        }

        _reader = probe;
        return Encoding.UTF8.GetString(data);
    }

    /// <summary>Reads a canonically encoded byte string; the result is a slice of the input.</summary>
    /// <exception cref="FormatException">The next value is not binary, is not canonical or is truncated.</exception>
    public ReadOnlySpan<byte> ReadBinary()
    {
        const string Expected = "binary";
        if (PeekCode(Expected) is not (Bin8 or Bin16 or Bin32))
        {
            throw Unexpected(Expected);
        }

        LibraryReader probe = _reader;
        ReadOnlySpan<byte> data = Span(Decode(Expected, ref probe, static (ref LibraryReader r) => r.ReadBytes()));
        CheckHeader(Expected, Consumed(probe) - data.Length, data.Length, data.Length switch
        {
            <= byte.MaxValue => 2,
            <= ushort.MaxValue => 3,
            _ => 5,
        });
        _reader = probe;
        return data;
    }

    /// <summary>Reads a canonically encoded array header and returns the element count; the elements follow.</summary>
    /// <exception cref="FormatException">The next value is not an array, is not canonical, or claims more elements than bytes remain.</exception>
    public int ReadArrayHeader()
    {
        const string Expected = "an array";
        if (PeekCode(Expected) is not ((>= 0x90 and <= 0x9f) or Array16 or Array32))
        {
            throw Unexpected(Expected);
        }

        return ReadCount(Expected, static (ref LibraryReader r) => r.ReadArrayHeader(), bytesPerItem: 1);
    }

    /// <summary>Reads a canonically encoded map header and returns the number of key-value pairs; the pairs follow.</summary>
    /// <exception cref="FormatException">The next value is not a map, is not canonical, or claims more pairs than remaining bytes can hold.</exception>
    public int ReadMapHeader()
    {
        const string Expected = "a map";
        if (PeekCode(Expected) is not ((>= 0x80 and <= 0x8f) or Map16 or Map32))
        {
            throw Unexpected(Expected);
        }

        // A pair is a key and a value, each at least one byte.
        return ReadCount(Expected, static (ref LibraryReader r) => r.ReadMapHeader(), bytesPerItem: 2);
    }

    /// <summary>Checks that all input has been read.</summary>
    /// <exception cref="FormatException">Bytes remain after the last value.</exception>
    public readonly void EnsureEnd()
    {
        if (!End)
        {
            throw new FormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"MessagePack: expected the end of the input at offset {Position}, found {Describe(_input.Span[Position])} and {Remaining - 1} more trailing bytes."));
        }
    }

    private readonly int Remaining => _input.Length - Position;

    private static bool IsInteger(byte code) => code is <= 0x7f or >= 0xe0 or (>= UInt8 and <= Int64);

    private static bool IsSigned(byte code) => code is >= 0xe0 or (>= Int8 and <= Int64);

    /// <summary>Shortest MessagePack size of an integer: fixints, then the narrowest uint (non-negative) or int (negative) form.</summary>
    private static int ShortestIntegerSize(long value) =>
        value >= 0 ? ShortestUnsignedSize((ulong)value) : value switch
        {
            >= -32 => 1,
            >= sbyte.MinValue => 2,
            >= short.MinValue => 3,
            >= int.MinValue => 5,
            _ => 9,
        };

    private static int ShortestUnsignedSize(ulong value) => value switch
    {
        <= 0x7f => 1,
        <= byte.MaxValue => 2,
        <= ushort.MaxValue => 3,
        <= uint.MaxValue => 5,
        _ => 9,
    };

    // The input is one block of memory, so every slice of it is a single segment.
    private static ReadOnlySpan<byte> Span(System.Buffers.ReadOnlySequence<byte>? sequence) =>
        sequence is { } s ? s.First.Span : [];

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

    private readonly int Consumed(in LibraryReader probe) => checked((int)(probe.Consumed - _reader.Consumed));

    private readonly byte PeekCode(string expected)
    {
        if (End)
        {
            throw new FormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"MessagePack: expected {expected} at offset {Position}, found the end of the input."));
        }

        return _input.Span[Position];
    }

    /// <summary>
    /// Runs a library read on <paramref name="probe"/>, turning its errors into ours: truncation above all, and the
    /// <see cref="ArgumentOutOfRangeException"/> it lets escape for str32 and bin32 lengths of 2^31 or more.
    /// </summary>
    private readonly T Decode<T>(string expected, ref LibraryReader probe, LibraryRead<T> read)
    {
        try
        {
            return read(ref probe);
        }
        catch (Exception e) when (e is EndOfStreamException or OverflowException or ArgumentOutOfRangeException or global::MessagePack.MessagePackSerializationException)
        {
            throw Fail(expected, string.Create(CultureInfo.InvariantCulture, $", which needs more than the {Remaining} bytes that remain"));
        }
    }

    /// <summary>
    /// Rejects an integer in a wider form than it needs, or a non-negative one in a signed form (the unsigned forms
    /// and the positive fixint are the only ones our writer and <c>@msgpack/msgpack</c> produce for it).
    /// </summary>
    private readonly void CheckInteger(string expected, byte code, bool nonNegative, string value, int size, int shortest)
    {
        if (nonNegative && IsSigned(code) && code < 0xe0)
        {
            throw NonCanonical(expected, value, "non-negative values must use the unsigned forms");
        }

        if (size != shortest)
        {
            throw NonCanonical(expected, value, "it has a shorter encoding");
        }
    }

    private readonly void CheckHeader(string expected, int headerSize, int length, int shortest)
    {
        if (headerSize != shortest)
        {
            throw NonCanonical(expected, length.ToString(CultureInfo.InvariantCulture), "it has a shorter header");
        }
    }

    private int ReadCount(string expected, LibraryRead<int> read, int bytesPerItem)
    {
        LibraryReader probe = _reader;
        int count = Decode(expected, ref probe, read);
        int headerSize = Consumed(probe);
        CheckHeader(expected, headerSize, count, count switch
        {
            <= 15 => 1,
            <= ushort.MaxValue => 3,
            _ => 5,
        });

        // The library bounds the count by the remaining bytes as well; this is our own guarantee to callers
        // that size a list by it.
        long available = Remaining - headerSize;
        if ((long)count * bytesPerItem > available)
        {
            throw Fail(expected, string.Create(
                CultureInfo.InvariantCulture,
                $" claiming {count} entries, which need at least {(long)count * bytesPerItem} bytes but only {available} remain"));
        }

        _reader = probe;
        return count;
    }

    private readonly FormatException Unexpected(string expected) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"MessagePack: expected {expected} at offset {Position}, found {Describe(_input.Span[Position])}."));

    private readonly FormatException NonCanonical(string expected, string value, string reason) =>
        Fail(expected, $" holding {value}, which is not canonical: {reason}");

    private readonly FormatException Fail(string expected, string detail) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"MessagePack: expected {expected} at offset {Position}, found {Describe(_input.Span[Position])}{detail}."));
}
