using System.Text.Json;
using Pod.Cryptography.Hashing;
using Xunit;

namespace Pod.Tests.Core;

public sealed class Blake512Tests
{
    // Appendix test vectors of "SHA-3 proposal BLAKE", version 1.3: one zero byte (a single padded
    // block) and 144 zero bytes (a full block, then a block whose counter covers only 16 message bytes).
    private const string OneZeroByteHash =
        "97961587f6d970faba6d2478045de6d1fabd09b61ae50932054d52bc29d31be4" +
        "ff9102b9f69e2bbdb83be13d4b9c06091e5fa0b48bd081b634058be0ec49beb3";

    private const string OneHundredFortyFourZeroBytesHash =
        "313717d608e9cf758dcb1eb0f0c3cf9fc150b2d500fb33f51c52afc99d358a2f" +
        "1374b8a38bba7974e7f6ef79cab16f22ce1e649d6e01ad9589c213045d545dde";

    [Fact]
    public void Hash_OfficialVectorOneZeroByte_Matches()
    {
        byte[] hash = Blake512.Hash(new byte[1]);

        Assert.Equal(OneZeroByteHash, Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void Hash_OfficialVector144ZeroBytes_Matches()
    {
        byte[] hash = Blake512.Hash(new byte[144]);

        Assert.Equal(OneHundredFortyFourZeroBytesHash, Convert.ToHexStringLower(hash));
    }

    public static TheoryData<string, string> EdDsaKeyVectors()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Vectors", "eddsa.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));

        var data = new TheoryData<string, string>();
        foreach (JsonElement key in document.RootElement.GetProperty("keys").EnumerateArray())
        {
            data.Add(key.GetProperty("privateKeyHex").GetString()!, key.GetProperty("blake512Hex").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EdDsaKeyVectors))]
    public void Hash_EdDsaPrivateKey_MatchesReference(string privateKeyHex, string expectedHashHex)
    {
        byte[] hash = Blake512.Hash(Convert.FromHexString(privateKeyHex));

        Assert.Equal(expectedHashHex, Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void Hash_EdDsaVectorFile_HasKeys()
    {
        // Guards the theory above against passing vacuously on an empty or renamed key list.
        Assert.NotEmpty(EdDsaKeyVectors());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(111)]
    [InlineData(112)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(239)]
    [InlineData(240)]
    [InlineData(256)]
    public void Hash_BlockBoundaryLengths_SpanAndArrayOverloadsAgree(int length)
    {
        byte[] source = Pattern(length);
        var destination = new byte[Blake512.HashSizeInBytes + 1];
        destination[^1] = 0xA5;

        Blake512.Hash(source, destination);
        byte[] fromArrayOverload = Blake512.Hash(source);

        Assert.Equal(fromArrayOverload, destination[..Blake512.HashSizeInBytes]);
        Assert.Equal(0xA5, destination[^1]);
    }

    [Fact]
    public void Hash_DifferentLengthsOfSamePattern_Differ()
    {
        // Padding must separate a message from its extension by zero bytes, including across the
        // 111/112-byte split where the padding spills into a second block.
        var seen = new HashSet<string>();
        foreach (int length in new[] { 110, 111, 112, 113, 127, 128, 129 })
        {
            Assert.True(seen.Add(Convert.ToHexStringLower(Blake512.Hash(new byte[length]))), $"length {length}");
        }
    }

    [Fact]
    public void Hash_DestinationOverlapsSource_MatchesSeparateBuffers()
    {
        byte[] buffer = Pattern(200);
        byte[] expected = Blake512.Hash(buffer);

        Blake512.Hash(buffer, buffer);

        Assert.Equal(expected, buffer[..Blake512.HashSizeInBytes]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    public void Hash_ShortDestination_ThrowsArgumentException(int destinationLength)
    {
        var destination = new byte[destinationLength];

        var exception = Assert.Throws<ArgumentException>(() => Blake512.Hash(new byte[3], destination));

        Assert.Equal("destination", exception.ParamName);
    }

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = unchecked((byte)((i * 167) + 13));
        }

        return bytes;
    }
}
