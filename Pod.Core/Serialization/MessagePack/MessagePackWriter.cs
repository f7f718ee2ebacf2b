using System.Buffers;
using System.Text;

namespace Pod.Serialization.MessagePack;

/// <summary>
/// Writes MessagePack values to an <see cref="IBufferWriter{T}"/>, always in the shortest encoding,
/// so equal values always produce equal bytes (the reader rejects anything else).
/// </summary>
internal ref struct MessagePackWriter
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
    private const byte FixMap = 0x80;
    private const byte FixArray = 0x90;
    private const byte FixStr = 0xa0;

    // Throws on lone surrogates instead of silently writing U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly IBufferWriter<byte> _output;

    /// <summary>Creates a writer appending to <paramref name="output"/>.</summary>
    public MessagePackWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Writes nil (0xc0).</summary>
    public readonly void WriteNil() => WriteHeader(Nil, 0, 0);

    /// <summary>Writes false (0xc2) or true (0xc3).</summary>
    public readonly void WriteBoolean(bool value) => WriteHeader(value ? True : False, 0, 0);

    /// <summary>
    /// Writes an integer: non-negative values as <see cref="WriteUInt64"/> does, negative ones in the
    /// smallest of negative fixint, int8, int16, int32, int64.
    /// </summary>
    public readonly void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
            return;
        }

        // Two's complement: the low bytes of the 64-bit pattern are the narrower encodings.
        ulong bits = unchecked((ulong)value);
        if (value >= -32)
        {
            WriteHeader(unchecked((byte)bits), 0, 0);
        }
        else if (value >= sbyte.MinValue)
        {
            WriteHeader(Int8, bits, 1);
        }
        else if (value >= short.MinValue)
        {
            WriteHeader(Int16, bits, 2);
        }
        else if (value >= int.MinValue)
        {
            WriteHeader(Int32, bits, 4);
        }
        else
        {
            WriteHeader(Int64, bits, 8);
        }
    }

    /// <summary>Writes an integer in the smallest of positive fixint, uint8, uint16, uint32, uint64.</summary>
    public readonly void WriteUInt64(ulong value)
    {
        if (value <= 0x7f)
        {
            WriteHeader((byte)value, 0, 0);
        }
        else if (value <= byte.MaxValue)
        {
            WriteHeader(UInt8, value, 1);
        }
        else if (value <= ushort.MaxValue)
        {
            WriteHeader(UInt16, value, 2);
        }
        else if (value <= uint.MaxValue)
        {
            WriteHeader(UInt32, value, 4);
        }
        else
        {
            WriteHeader(UInt64, value, 8);
        }
    }

    /// <summary>Writes a string as UTF-8, like <see cref="WriteString(ReadOnlySpan{char})"/>.</summary>
    /// <exception cref="ArgumentException">The string contains a lone surrogate.</exception>
    public readonly void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteString(value.AsSpan());
    }

    /// <summary>Writes text as UTF-8 in the shortest of fixstr, str8, str16, str32.</summary>
    /// <exception cref="ArgumentException">The text contains a lone surrogate.</exception>
    public readonly void WriteString(ReadOnlySpan<char> value)
    {
        int byteCount;
        try
        {
            byteCount = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The text is not valid UTF-16: it contains a lone surrogate.", nameof(value), e);
        }

        if (byteCount <= 31)
        {
            WriteHeader((byte)(FixStr | byteCount), 0, 0);
        }
        else if (byteCount <= byte.MaxValue)
        {
            WriteHeader(Str8, (uint)byteCount, 1);
        }
        else if (byteCount <= ushort.MaxValue)
        {
            WriteHeader(Str16, (uint)byteCount, 2);
        }
        else
        {
            WriteHeader(Str32, (uint)byteCount, 4);
        }

        // Header and payload are requested separately so a huge payload cannot overflow the size sum.
        int written = StrictUtf8.GetBytes(value, _output.GetSpan(byteCount));
        _output.Advance(written);
    }

    /// <summary>Writes a byte string in the shortest of bin8, bin16, bin32.</summary>
    public readonly void WriteBinary(ReadOnlySpan<byte> value)
    {
        if (value.Length <= byte.MaxValue)
        {
            WriteHeader(Bin8, (uint)value.Length, 1);
        }
        else if (value.Length <= ushort.MaxValue)
        {
            WriteHeader(Bin16, (uint)value.Length, 2);
        }
        else
        {
            WriteHeader(Bin32, (uint)value.Length, 4);
        }

        value.CopyTo(_output.GetSpan(value.Length));
        _output.Advance(value.Length);
    }

    /// <summary>Writes an array header in the shortest of fixarray, array16, array32; the elements follow.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public readonly void WriteArrayHeader(int count) => WriteCountHeader(FixArray, Array16, Array32, count);

    /// <summary>Writes a map header in the shortest of fixmap, map16, map32; <paramref name="count"/> key-value pairs follow.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public readonly void WriteMapHeader(int count) => WriteCountHeader(FixMap, Map16, Map32, count);

    private readonly void WriteCountHeader(byte fixCode, byte code16, byte code32, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            WriteHeader((byte)(fixCode | count), 0, 0);
        }
        else if (count <= ushort.MaxValue)
        {
            WriteHeader(code16, (uint)count, 2);
        }
        else
        {
            WriteHeader(code32, (uint)count, 4);
        }
    }

    /// <summary>Writes <paramref name="code"/> followed by the low <paramref name="width"/> bytes of <paramref name="bits"/>, big-endian.</summary>
    private readonly void WriteHeader(byte code, ulong bits, int width)
    {
        Span<byte> span = _output.GetSpan(1 + width);
        span[0] = code;
        for (int i = 1; i <= width; i++)
        {
            span[i] = unchecked((byte)(bits >> (8 * (width - i))));
        }

        _output.Advance(1 + width);
    }
}
