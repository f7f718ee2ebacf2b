using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pod.Serialization.MessagePack;
using MessagePackWriter = MessagePack.MessagePackWriter;
using Xunit;

namespace Pod.Tests.Serialization;

public sealed class MessagePackCodecTests
{
    /// <summary>Deep enough for any generated value; hostile inputs nesting deeper are cut off (see <see cref="WalkValue"/>).</summary>
    private const int MaxDepth = 16;

    private static readonly long[] EdgeInt64 =
    [
        0, 1, -1, 31, 32, 127, 128, -31, -32, -33, -127, -128, -129, 255, 256, short.MaxValue, short.MinValue,
        short.MinValue - 1, ushort.MaxValue, ushort.MaxValue + 1, int.MaxValue, int.MinValue, (long)int.MinValue - 1,
        uint.MaxValue, (long)uint.MaxValue + 1, long.MaxValue, long.MinValue, long.MinValue + 1,
    ];

    private static readonly ulong[] EdgeUInt64 =
    [
        0, 1, 127, 128, 255, 256, ushort.MaxValue, ushort.MaxValue + 1, uint.MaxValue, (ulong)uint.MaxValue + 1,
        long.MaxValue, (ulong)long.MaxValue + 1, ulong.MaxValue,
    ];

    private delegate void ReadAction(ref StrictMessagePackReader reader);

    private static Gen<byte> AnyByte => Gen.Choose(0, 255).Select(b => (byte)b);

    /// <summary>Uniform 64-bit patterns.</summary>
    private static Gen<ulong> Bits64 => Gen.ArrayOf(AnyByte, 8).Select(b => BinaryPrimitives.ReadUInt64BigEndian(b));

    /// <summary>Edge values, FsCheck's small longs, and sign-extended random values of every bit width.</summary>
    private static Gen<long> Int64Values => Gen.Frequency(
        (1, ArbMap.Default.ArbFor<long>().Generator),
        (1, Gen.Elements(EdgeInt64)),
        (3, Gen.Choose(1, 64).SelectMany(width => Bits64.Select(bits => unchecked((long)bits) >> (64 - width)))));

    private static Gen<ulong> UInt64Values => Gen.Frequency(
        (1, Gen.Elements(EdgeUInt64)),
        (3, Gen.Choose(1, 64).SelectMany(width => Bits64.Select(bits => bits >> (64 - width)))));

    /// <summary>Valid scalar values (never surrogates) from all four UTF-8 lengths.</summary>
    private static Gen<string> CodePoint => Gen.Frequency(
        (6, Gen.Choose(0, 0x7f)),
        (1, Gen.Choose(0x80, 0x7ff)),
        (1, Gen.Choose(0x800, 0xd7ff)),
        (1, Gen.Choose(0xe000, 0xffff)),
        (1, Gen.Choose(0x10000, 0x10ffff))).Select(char.ConvertFromUtf32);

    private static Gen<byte[]> RandomInput => Gen.Frequency(
        (1, Gen.ArrayOf(AnyByte)),
        (1, Gen.ArrayOf(Gen.Frequency((1, AnyByte), (2, Gen.Elements(InterestingBytes))))));

    /// <summary>Type bytes and length bytes that steer random input into deeper decoding paths.</summary>
    private static byte[] InterestingBytes =>
    [
        0x00, 0x01, 0x05, 0x7f, 0x80, 0x81, 0x8f, 0x90, 0x91, 0x9f, 0xa0, 0xa1, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6,
        0xca, 0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xe0, 0xed, 0xf0, 0xff,
    ];

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(1L, "01")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65535L, "cdffff")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(4294967295L, "ceffffffff")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(long.MaxValue, "cf7fffffffffffffff")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-128L, "d080")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32768L, "d18000")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(-2147483648L, "d280000000")]
    [InlineData(-2147483649L, "d3ffffffff7fffffff")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void WriteInt64_BoundaryValue_MatchesSpecEncoding(long value, string hex)
    {
        byte[] expected = Convert.FromHexString(hex);
        Assert.Equal(expected, Encode(w => new LibraryWriter(w).WriteInt64(value)));

        var reader = new StrictMessagePackReader(expected);
        Assert.Equal(MessagePackType.Integer, reader.PeekType());
        Assert.Equal(value, reader.ReadInt64());
        Assert.True(reader.End);
        AssertEveryCutThrows(expected, (ref r) => r.ReadInt64());
    }

    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "cc80")]
    [InlineData(255UL, "ccff")]
    [InlineData(256UL, "cd0100")]
    [InlineData(65535UL, "cdffff")]
    [InlineData(65536UL, "ce00010000")]
    [InlineData(4294967295UL, "ceffffffff")]
    [InlineData(4294967296UL, "cf0000000100000000")]
    [InlineData(9223372036854775808UL, "cf8000000000000000")]
    [InlineData(ulong.MaxValue, "cfffffffffffffffff")]
    public void WriteUInt64_BoundaryValue_MatchesSpecEncoding(ulong value, string hex)
    {
        byte[] expected = Convert.FromHexString(hex);
        Assert.Equal(expected, Encode(w => new LibraryWriter(w).WriteUInt64(value)));

        var reader = new StrictMessagePackReader(expected);
        Assert.Equal(value, reader.ReadUInt64());
        Assert.True(reader.End);
        AssertEveryCutThrows(expected, (ref r) => r.ReadUInt64());
    }

    [Fact]
    public void WriteNilAndBoolean_MatchSpecEncoding()
    {
        byte[] bytes = Encode(w =>
        {
            var writer = new MessagePackWriter(w);
            writer.WriteNil();
            writer.Write(false);
            writer.Write(true);
            writer.Flush();
        });
        Assert.Equal(new byte[] { 0xc0, 0xc2, 0xc3 }, bytes);

        var reader = new StrictMessagePackReader(bytes);
        Assert.Equal(MessagePackType.Nil, reader.PeekType());
        reader.ReadNil();
        Assert.Equal(MessagePackType.Boolean, reader.PeekType());
        Assert.False(reader.ReadBoolean());
        Assert.True(reader.ReadBoolean());
        reader.EnsureEnd();
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(1, "a1")]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65535, "daffff")]
    [InlineData(65536, "db00010000")]
    public void WriteString_Length_UsesShortestHeader(int length, string headerHex)
    {
        string value = new('a', length);
        byte[] expected = [.. Convert.FromHexString(headerHex), .. Enumerable.Repeat((byte)'a', length)];
        Assert.Equal(expected, Encode(w => new LibraryWriter(w).WriteString(value)));

        var reader = new StrictMessagePackReader(expected);
        Assert.Equal(MessagePackType.String, reader.PeekType());
        Assert.Equal(value, reader.ReadString());
        Assert.True(reader.End);
        AssertEveryCutThrows(expected, (ref r) => r.ReadString());
    }

    [Theory]
    [InlineData("é", "a2c3a9")]
    [InlineData("€", "a3e282ac")]
    [InlineData("\U0001F600", "a4f09f9880")]
    [InlineData("\uFEFFa", "a4efbbbf61")]
    public void WriteString_MultiByteText_IsUtf8(string value, string hex)
    {
        byte[] expected = Convert.FromHexString(hex);
        Assert.Equal(expected, Encode(w => new LibraryWriter(w).WriteString(value)));
        Assert.Equal(value, new StrictMessagePackReader(expected).ReadString());
    }

    [Theory]
    [InlineData(0, "c400")]
    [InlineData(1, "c401")]
    [InlineData(255, "c4ff")]
    [InlineData(256, "c50100")]
    [InlineData(65535, "c5ffff")]
    [InlineData(65536, "c600010000")]
    public void WriteBinary_Length_UsesShortestHeader(int length, string headerHex)
    {
        byte[] data = [.. Enumerable.Range(0, length).Select(i => unchecked((byte)(i * 7)))];
        byte[] expected = [.. Convert.FromHexString(headerHex), .. data];
        Assert.Equal(expected, Encode(w => new LibraryWriter(w).WriteBinary(data)));

        var reader = new StrictMessagePackReader(expected);
        Assert.Equal(MessagePackType.Binary, reader.PeekType());
        Assert.Equal(data, reader.ReadBinary().ToArray());
        Assert.True(reader.End);
        AssertEveryCutThrows(expected, (ref r) => r.ReadBinary());
    }

    [Theory]
    [InlineData(0, "90")]
    [InlineData(15, "9f")]
    [InlineData(16, "dc0010")]
    [InlineData(65535, "dcffff")]
    [InlineData(65536, "dd00010000")]
    public void WriteArrayHeader_Count_UsesShortestHeader(int count, string hex)
    {
        byte[] header = Convert.FromHexString(hex);
        Assert.Equal(header, Encode(w => new LibraryWriter(w).WriteArrayHeader(count)));

        // One nil per element makes the count plausible.
        byte[] input = [.. header, .. Enumerable.Repeat((byte)0xc0, count)];
        var reader = new StrictMessagePackReader(input);
        Assert.Equal(MessagePackType.Array, reader.PeekType());
        Assert.Equal(count, reader.ReadArrayHeader());
        Assert.Equal(header.Length, reader.Position);
        Assert.Throws<FormatException>(() => new StrictMessagePackReader(input.AsMemory(0, input.Length - 1)).ReadArrayHeader());
    }

    [Theory]
    [InlineData(0, "80")]
    [InlineData(15, "8f")]
    [InlineData(16, "de0010")]
    [InlineData(65535, "deffff")]
    [InlineData(65536, "df00010000")]
    public void WriteMapHeader_Count_UsesShortestHeader(int count, string hex)
    {
        byte[] header = Convert.FromHexString(hex);
        Assert.Equal(header, Encode(w => new LibraryWriter(w).WriteMapHeader(count)));

        // A key and a value per entry, one nil each.
        byte[] input = [.. header, .. Enumerable.Repeat((byte)0xc0, 2 * count)];
        var reader = new StrictMessagePackReader(input);
        Assert.Equal(MessagePackType.Map, reader.PeekType());
        Assert.Equal(count, reader.ReadMapHeader());
        Assert.Equal(header.Length, reader.Position);
        Assert.Throws<FormatException>(() => new StrictMessagePackReader(input.AsMemory(0, input.Length - 1)).ReadMapHeader());
    }

    [Property]
    public Property Int64_RoundTrip_UsesShortestEncoding() =>
        Prop.ForAll(Int64Values.ToArbitrary(), value =>
        {
            byte[] bytes = Encode(w => new LibraryWriter(w).WriteInt64(value));
            var reader = new StrictMessagePackReader(bytes);
            return bytes.Length == ShortestIntegerSize(value) && reader.ReadInt64() == value && reader.End;
        });

    [Property]
    public Property UInt64_RoundTrip_UsesShortestEncoding() =>
        Prop.ForAll(UInt64Values.ToArbitrary(), value =>
        {
            byte[] bytes = Encode(w => new LibraryWriter(w).WriteUInt64(value));
            var reader = new StrictMessagePackReader(bytes);
            bool sameAsSigned = value > long.MaxValue
                || bytes.AsSpan().SequenceEqual(Encode(w => new LibraryWriter(w).WriteInt64((long)value)));
            int expectedSize = value > long.MaxValue ? 9 : ShortestIntegerSize((long)value);
            return bytes.Length == expectedSize && sameAsSigned && reader.ReadUInt64() == value && reader.End;
        });

    [Property]
    public Property Int64_EveryWiderEncoding_IsRejected() =>
        Prop.ForAll(Int64Values.ToArbitrary(), value =>
        {
            int canonical = ShortestIntegerSize(value);
            foreach ((byte code, int width) in IntegerFormats)
            {
                if (!Fits(value, code, width))
                {
                    continue;
                }

                byte[] bytes = EncodeAs(code, width, unchecked((ulong)value));
                bool signedForNonNegative = code >= 0xd0 && value >= 0;
                if (bytes.Length == canonical && !signedForNonNegative)
                {
                    Assert.Equal(value, new StrictMessagePackReader(bytes).ReadInt64());
                }
                else
                {
                    AssertFormatException(bytes, (ref r) => r.ReadInt64());
                    AssertFormatException(bytes, (ref r) => r.ReadUInt64());
                }
            }
        });

    [Property]
    public Property String_RoundTrip_ValidUnicode()
    {
        Gen<string> strings = Gen.Frequency(
            (3, Gen.Choose(0, 40)),
            (1, Gen.Choose(0, 300))).SelectMany(n => Gen.ArrayOf(CodePoint, n)).Select(string.Concat);
        return Prop.ForAll(strings.ToArbitrary(), value =>
        {
            byte[] bytes = Encode(w => new LibraryWriter(w).WriteString(value));
            int utf8 = Encoding.UTF8.GetByteCount(value);
            int header = utf8 <= 31 ? 1 : utf8 <= 255 ? 2 : 3;
            var reader = new StrictMessagePackReader(bytes);
            return bytes.Length == header + utf8 && reader.ReadString() == value && reader.End;
        });
    }

    [Property]
    public Property Binary_RoundTrip()
    {
        Gen<byte[]> data = Gen.Frequency((3, Gen.Choose(0, 40)), (1, Gen.Choose(200, 600)))
            .SelectMany(n => Gen.ArrayOf(AnyByte, n));
        return Prop.ForAll(data.ToArbitrary(), value =>
        {
            byte[] bytes = Encode(w => new LibraryWriter(w).WriteBinary(value));
            int header = value.Length <= 255 ? 2 : 3;
            var reader = new StrictMessagePackReader(bytes);
            return bytes.Length == header + value.Length && reader.ReadBinary().SequenceEqual(value) && reader.End;
        });
    }

    [Property]
    public Property NestedValues_RoundTrip() =>
        Prop.ForAll(Values(3, maxText: 40).ToArbitrary(), value =>
            Walk(Encode(value.Write)) == value.Text);

    [Fact]
    public void ReadInt64_NonCanonicalUInt8_Throws()
    {
        FormatException e = AssertFormatException([0xcc, 0x05], (ref r) => r.ReadInt64());
        Assert.Contains("not canonical", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadInt64_NonCanonicalInt8_Throws()
    {
        // 5 is non-negative, so its only valid form is the positive fixint 0x05.
        FormatException e = AssertFormatException([0xd0, 0x05], (ref r) => r.ReadInt64());
        Assert.Contains("unsigned", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadString_NonCanonicalStr8_Throws()
    {
        FormatException e = AssertFormatException([0xd9, 0x01, (byte)'a'], (ref r) => r.ReadString());
        Assert.Contains("not canonical", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadArrayHeader_NonCanonicalArray16_Throws()
    {
        FormatException e = AssertFormatException([0xdc, 0x00, 0x01, 0xc0], (ref r) => r.ReadArrayHeader());
        Assert.Contains("not canonical", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cc05", "int")]
    [InlineData("cc7f", "int")]
    [InlineData("cd0000", "int")]
    [InlineData("cd00ff", "int")]
    [InlineData("ce0000ffff", "int")]
    [InlineData("cf00000000ffffffff", "int")]
    [InlineData("d000", "int")]
    [InlineData("d0ff", "int")]
    [InlineData("d0e0", "int")]
    [InlineData("d1ff80", "int")]
    [InlineData("d10005", "int")]
    [InlineData("d2ffff8000", "int")]
    [InlineData("d200000005", "int")]
    [InlineData("d3ffffffff80000000", "int")]
    [InlineData("d30000000000000005", "int")]
    [InlineData("d3ffffffffffffffff", "int")]
    [InlineData("d900", "string")]
    [InlineData("d91f", "string")]
    [InlineData("da00ff", "string")]
    [InlineData("db0000ffff", "string")]
    [InlineData("c50000", "binary")]
    [InlineData("c500ff", "binary")]
    [InlineData("c60000ffff", "binary")]
    [InlineData("dc000f", "array")]
    [InlineData("dd0000ffff", "array")]
    [InlineData("de0000", "map")]
    [InlineData("de000f", "map")]
    [InlineData("df0000ffff", "map")]
    public void Read_NonCanonicalEncoding_Throws(string hex, string kind)
    {
        // Enough valid padding ('a' is both a fixint and a letter) that only the header is at fault.
        byte[] input = [.. Convert.FromHexString(hex), .. Enumerable.Repeat((byte)'a', 140_000)];
        FormatException e = kind == "int"
            ? AssertFormatException(input, (ref r) => r.ReadInt64())
            : AssertFormatException(input, ReaderFor(kind));
        Assert.Contains("not canonical", e.Message, StringComparison.Ordinal);
        if (kind == "int")
        {
            AssertFormatException(input, (ref r) => r.ReadUInt64());
        }
    }

    [Fact]
    public void ReadInt64_AboveInt64MaxValue_Throws()
    {
        FormatException e = AssertFormatException(Convert.FromHexString("cf8000000000000000"), (ref r) => r.ReadInt64());
        Assert.Contains("out of range", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ff")]
    [InlineData("e0")]
    [InlineData("d0df")]
    [InlineData("d38000000000000000")]
    public void ReadUInt64_Negative_Throws(string hex)
    {
        FormatException e = AssertFormatException(Convert.FromHexString(hex), (ref r) => r.ReadUInt64());
        Assert.Contains("negative", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("df80000000", "map")]
    [InlineData("dfffffffff", "map")]
    [InlineData("dd80000000", "array")]
    [InlineData("ddffffffff", "array")]
    [InlineData("db80000000", "string")]
    [InlineData("dbffffffff", "string")]
    [InlineData("c680000000", "binary")]
    [InlineData("c6ffffffff", "binary")]
    public void Read_HugeLengthInShortInput_Throws(string hex, string kind)
    {
        AssertFormatException(Convert.FromHexString(hex), ReaderFor(kind));
    }

    [Fact]
    public void ReadMapHeader_2Pow31EntriesIn5Bytes_Throws()
    {
        FormatException e = AssertFormatException([0xdf, 0x80, 0x00, 0x00, 0x00], (ref r) => r.ReadMapHeader());
        Assert.Contains("5 bytes that remain", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("91", "array")]
    [InlineData("92c0", "array")]
    [InlineData("dc0010c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", "array")]
    [InlineData("81c0", "map")]
    [InlineData("82c0c0c0", "map")]
    public void ReadHeader_CountExceedsRemainingBytes_Throws(string hex, string kind)
    {
        AssertFormatException(Convert.FromHexString(hex), ReaderFor(kind));
    }

    [Property]
    public Property Read_TruncatedAtEveryCutPoint_Throws() =>
        Prop.ForAll(Values(2, maxText: 12).ToArbitrary(), value =>
        {
            byte[] bytes = Encode(value.Write);
            for (int cut = 0; cut < bytes.Length; cut++)
            {
                Assert.Throws<FormatException>(() => Walk(bytes.AsMemory(0, cut)));
            }
        });

    [Theory]
    [InlineData("a1ff")]
    [InlineData("a180")]
    [InlineData("a2c328")]
    [InlineData("a2c080")]
    [InlineData("a3e08080")]
    [InlineData("a3eda080")]
    [InlineData("a3edbfbf")]
    [InlineData("a4f4908080")]
    [InlineData("a4f8888080")]
    [InlineData("a2e282")]
    [InlineData("a361e282")]
    public void ReadString_InvalidUtf8_Throws(string hex)
    {
        FormatException e = AssertFormatException(Convert.FromHexString(hex), (ref r) => r.ReadString());
        Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadString_WrongType_MessageNamesExpectationByteAndOffset()
    {
        byte[] input = [.. Enumerable.Repeat((byte)0xc0, 12), 0xcc, 0x05];
        var reader = new StrictMessagePackReader(input);
        for (int i = 0; i < 12; i++)
        {
            reader.ReadNil();
        }

        FormatException? caught = null;
        try
        {
            reader.ReadString();
        }
        catch (FormatException e)
        {
            caught = e;
        }

        Assert.Equal("MessagePack: expected a string at offset 12, found 0xcc (uint8).", caught?.Message);
        Assert.Equal(12, reader.Position);
    }

    [Fact]
    public void EnsureEnd_TrailingBytes_Throws()
    {
        var reader = new StrictMessagePackReader((byte[])[0xc0, 0xc0]);
        reader.ReadNil();
        Assert.False(reader.End);

        FormatException? caught = null;
        try
        {
            reader.EnsureEnd();
        }
        catch (FormatException e)
        {
            caught = e;
        }

        Assert.NotNull(caught);
        Assert.Contains("offset 1", caught.Message, StringComparison.Ordinal);

        reader.ReadNil();
        reader.EnsureEnd();
    }

    [Fact]
    public void Read_EmptyInput_Throws()
    {
        Assert.Throws<FormatException>(() => new StrictMessagePackReader((byte[])[]).PeekType());
        foreach (string kind in new[] { "nil", "boolean", "int", "uint", "string", "binary", "array", "map" })
        {
            AssertFormatException([], ReaderFor(kind));
        }

        new StrictMessagePackReader((byte[])[]).EnsureEnd();
    }

    [Fact]
    public void PeekType_EveryFirstByte_MatchesSpecTable()
    {
        for (int b = 0; b <= 0xff; b++)
        {
            MessagePackType expected = b switch
            {
                <= 0x7f => MessagePackType.Integer,
                <= 0x8f => MessagePackType.Map,
                <= 0x9f => MessagePackType.Array,
                <= 0xbf => MessagePackType.String,
                0xc0 => MessagePackType.Nil,
                0xc2 or 0xc3 => MessagePackType.Boolean,
                0xc4 or 0xc5 or 0xc6 => MessagePackType.Binary,
                >= 0xcc and <= 0xd3 => MessagePackType.Integer,
                0xd9 or 0xda or 0xdb => MessagePackType.String,
                0xdc or 0xdd => MessagePackType.Array,
                0xde or 0xdf => MessagePackType.Map,
                >= 0xe0 => MessagePackType.Integer,
                _ => MessagePackType.Unsupported, // 0xc1, ext, float, fixext
            };
            Assert.Equal(expected, new StrictMessagePackReader((byte[])[(byte)b]).PeekType());
        }
    }

    [Property(MaxTest = 5000)]
    public Property Walk_RandomBytes_OnlyThrowsFormatException() =>
        Prop.ForAll(RandomInput.ToArbitrary(), input =>
        {
            try
            {
                Walk(input);
            }
            catch (FormatException)
            {
            }
        });

    [Property(MaxTest = 2000)]
    public Property ReadMethods_RandomBytes_OnlyThrowFormatException()
    {
        string[] kinds = ["nil", "boolean", "int", "uint", "string", "binary", "array", "map"];
        return Prop.ForAll(RandomInput.ToArbitrary(), input =>
        {
            foreach (string kind in kinds)
            {
                var reader = new StrictMessagePackReader(input);
                try
                {
                    ReaderFor(kind)(ref reader);
                    Assert.InRange(reader.Position, 1, input.Length);
                }
                catch (FormatException e)
                {
                    Assert.StartsWith("MessagePack: expected ", e.Message, StringComparison.Ordinal);
                    Assert.Equal(0, reader.Position);
                }
            }
        });
    }

    [Property(MaxTest = 2000)]
    public Property Walk_MutatedValidEncoding_OnlyThrowsFormatException()
    {
        Gen<(byte[] Bytes, int Index, byte Replacement)> cases =
            from value in Values(3, maxText: 20)
            let bytes = Encode(value.Write)
            from index in Gen.Choose(0, bytes.Length - 1)
            from replacement in Gen.Frequency((1, AnyByte), (1, Gen.Elements(InterestingBytes)))
            select (bytes, index, replacement);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            c.Bytes[c.Index] = c.Replacement;
            try
            {
                Walk(c.Bytes);
            }
            catch (FormatException)
            {
            }
        });
    }

    /// <summary>Integer formats other than the fixints, with their payload widths.</summary>
    private static (byte Code, int Width)[] IntegerFormats =>
        [(0xcc, 1), (0xcd, 2), (0xce, 4), (0xcf, 8), (0xd0, 1), (0xd1, 2), (0xd2, 4), (0xd3, 8)];

    /// <summary>Shortest MessagePack size of an integer, straight from the spec's ranges.</summary>
    private static int ShortestIntegerSize(long value) => value switch
    {
        >= -32 and <= 127 => 1,
        >= sbyte.MinValue and <= byte.MaxValue => 2,
        >= short.MinValue and <= ushort.MaxValue => 3,
        >= int.MinValue and <= uint.MaxValue => 5,
        _ => 9,
    };

    private static bool Fits(long value, byte code, int width)
    {
        if (code < 0xd0)
        {
            return value >= 0 && (width == 8 || (ulong)value < 1UL << (8 * width));
        }

        long half = width == 8 ? long.MaxValue : (1L << ((8 * width) - 1)) - 1;
        return value >= -half - 1 && value <= half;
    }

    private static byte[] EncodeAs(byte code, int width, ulong bits)
    {
        var bytes = new byte[1 + width];
        bytes[0] = code;
        for (int i = 1; i <= width; i++)
        {
            bytes[i] = unchecked((byte)(bits >> (8 * (width - i))));
        }

        return bytes;
    }

    private static byte[] Encode(Action<ArrayBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return output.WrittenSpan.ToArray();
    }

    private static ReadAction ReaderFor(string kind) => kind switch
    {
        "nil" => (ref r) => r.ReadNil(),
        "boolean" => (ref r) => r.ReadBoolean(),
        "int" => (ref r) => r.ReadInt64(),
        "uint" => (ref r) => r.ReadUInt64(),
        "string" => (ref r) => r.ReadString(),
        "binary" => (ref r) => r.ReadBinary(),
        "array" => (ref r) => r.ReadArrayHeader(),
        "map" => (ref r) => r.ReadMapHeader(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static FormatException AssertFormatException(byte[] input, ReadAction read) =>
        AssertFormatException(input.AsMemory(), read);

    private static FormatException AssertFormatException(ReadOnlyMemory<byte> input, ReadAction read)
    {
        var reader = new StrictMessagePackReader(input);
        try
        {
            read(ref reader);
        }
        catch (FormatException e)
        {
            Assert.StartsWith("MessagePack: ", e.Message, StringComparison.Ordinal);
            Assert.Equal(0, reader.Position);
            return e;
        }

        Assert.Fail("Expected a FormatException.");
        return null!;
    }

    private static void AssertEveryCutThrows(byte[] encoding, ReadAction read)
    {
        for (int cut = 0; cut < encoding.Length; cut++)
        {
            AssertFormatException(encoding.AsMemory(0, cut), read);
        }
    }

    /// <summary>Decodes one complete value of any supported type and describes it in the notation of <see cref="Value"/>.</summary>
    private static string Walk(ReadOnlyMemory<byte> input)
    {
        var reader = new StrictMessagePackReader(input);
        string text = WalkValue(ref reader, 0);
        reader.EnsureEnd();
        return text;
    }

    /// <summary>
    /// Reads whatever comes next. Past <see cref="MaxDepth"/> it stops descending, as a real decoder would
    /// refuse to; the unread rest then fails <see cref="StrictMessagePackReader.EnsureEnd"/>.
    /// </summary>
    private static string WalkValue(ref StrictMessagePackReader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            return "…";
        }

        switch (reader.PeekType())
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return "nil";
            case MessagePackType.Boolean:
                return reader.ReadBoolean() ? "true" : "false";
            case MessagePackType.Integer:
                return "i" + WalkInteger(ref reader);
            case MessagePackType.String:
                string s = reader.ReadString();
                return string.Create(CultureInfo.InvariantCulture, $"s{s.Length}:{s}");
            case MessagePackType.Binary:
                return "b" + Convert.ToHexString(reader.ReadBinary());
            case MessagePackType.Array:
                var items = new List<string>();
                for (int n = reader.ReadArrayHeader(); n > 0; n--)
                {
                    items.Add(WalkValue(ref reader, depth + 1));
                }

                return "[" + string.Join(",", items) + "]";
            case MessagePackType.Map:
                var entries = new List<string>();
                for (int n = reader.ReadMapHeader(); n > 0; n--)
                {
                    string key = WalkValue(ref reader, depth + 1);
                    entries.Add(key + ":" + WalkValue(ref reader, depth + 1));
                }

                return "{" + string.Join(",", entries) + "}";
            default:
                throw new FormatException("Walker: float and ext values are not supported.");
        }
    }

    /// <summary>Integers above long.MaxValue only read as UInt64, negative ones only as Int64.</summary>
    private static string WalkInteger(ref StrictMessagePackReader reader)
    {
        StrictMessagePackReader probe = reader;
        try
        {
            long value = probe.ReadInt64();
            reader = probe;
            return value.ToString(CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return reader.ReadUInt64().ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Random values of nesting up to <paramref name="depth"/>, with strings of at most <paramref name="maxText"/> code points.</summary>
    private static Gen<Value> Values(int depth, int maxText)
    {
        Gen<Value> leaves = Gen.Frequency(
            (1, Gen.Constant(new Value("nil", w => new LibraryWriter(w).WriteNil()))),
            (1, Gen.Elements(false, true).Select(b => new Value(b ? "true" : "false", w => new LibraryWriter(w).WriteBoolean(b)))),
            (3, Int64Values.Select(v => new Value(
                string.Create(CultureInfo.InvariantCulture, $"i{v}"), w => new LibraryWriter(w).WriteInt64(v)))),
            (2, UInt64Values.Select(v => new Value(
                string.Create(CultureInfo.InvariantCulture, $"i{v}"), w => new LibraryWriter(w).WriteUInt64(v)))),
            (3, Gen.Choose(0, maxText).SelectMany(n => Gen.ArrayOf(CodePoint, n)).Select(string.Concat).Select(s => new Value(
                string.Create(CultureInfo.InvariantCulture, $"s{s.Length}:{s}"), w => new LibraryWriter(w).WriteString(s)))),
            (1, Gen.Choose(0, maxText).SelectMany(n => Gen.ArrayOf(AnyByte, n)).Select(b => new Value(
                "b" + Convert.ToHexString(b), w => new LibraryWriter(w).WriteBinary(b)))));
        if (depth == 0)
        {
            return leaves;
        }

        // Only the innermost containers grow past 15 entries, to reach the 16-bit headers without blowing up the size.
        Gen<int> counts = depth == 1
            ? Gen.Frequency((4, Gen.Choose(0, 4)), (1, Gen.Choose(14, 17)))
            : Gen.Choose(0, 4);
        Gen<Value> inner = Values(depth - 1, maxText);
        Gen<Value> arrays = counts.SelectMany(n => Gen.ArrayOf(inner, n)).Select(items => new Value(
            "[" + string.Join(",", items.Select(i => i.Text)) + "]",
            w =>
            {
                new LibraryWriter(w).WriteArrayHeader(items.Length);
                foreach (Value item in items)
                {
                    item.Write(w);
                }
            }));
        Gen<Value> maps = counts.SelectMany(n => Gen.ArrayOf(Gen.Zip(inner, inner), n)).Select(pairs => new Value(
            "{" + string.Join(",", pairs.Select(p => p.Item1.Text + ":" + p.Item2.Text)) + "}",
            w =>
            {
                new LibraryWriter(w).WriteMapHeader(pairs.Length);
                foreach ((Value key, Value item) in pairs)
                {
                    key.Write(w);
                    item.Write(w);
                }
            }));
        return Gen.Frequency((3, leaves), (1, arrays), (1, maps));
    }

    /// <summary>
    /// The MessagePack library's writer as <see cref="Pod.Serialization.PodMessagePack"/> uses it, one value per call:
    /// these tests pin that it writes the shortest form our strict reader accepts.
    /// </summary>
    private readonly struct LibraryWriter(IBufferWriter<byte> output)
    {
        public void WriteNil()
        {
            var w = new MessagePackWriter(output);
            w.WriteNil();
            w.Flush();
        }

        public void WriteBoolean(bool value)
        {
            var w = new MessagePackWriter(output);
            w.Write(value);
            w.Flush();
        }

        public void WriteInt64(long value)
        {
            var w = new MessagePackWriter(output);
            w.Write(value);
            w.Flush();
        }

        public void WriteUInt64(ulong value)
        {
            var w = new MessagePackWriter(output);
            w.Write(value);
            w.Flush();
        }

        public void WriteString(string value)
        {
            var w = new MessagePackWriter(output);
            w.Write(value);
            w.Flush();
        }

        public void WriteBinary(byte[] value)
        {
            var w = new MessagePackWriter(output);
            w.Write(value.AsSpan());
            w.Flush();
        }

        public void WriteArrayHeader(int count)
        {
            var w = new MessagePackWriter(output);
            w.WriteArrayHeader(count);
            w.Flush();
        }

        public void WriteMapHeader(int count)
        {
            var w = new MessagePackWriter(output);
            w.WriteMapHeader(count);
            w.Flush();
        }
    }

    /// <summary>A generated value: its expected <see cref="Walk"/> description and how to write it.</summary>
    private sealed record Value(string Text, Action<ArrayBufferWriter<byte>> Write);
}
