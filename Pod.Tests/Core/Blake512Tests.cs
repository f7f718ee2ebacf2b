using Pod.Cryptography.Hashing;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Core;

[Trait("Category", Vectors.Trait)]
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
        var data = new TheoryData<string, string>();
        foreach (var key in Vectors.Section("eddsa.json", "keys").Select(k => k!))
        {
            data.Add(key.Str("privateKeyHex"), key.Str("blake512Hex"));
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

    // Hashes of Pattern(length), computed with the Blake512 class inside @zk-kit/eddsa-poseidon 1.1.0
    // (dist/index.cjs). The spec's vectors never reach a block of padding alone (counter zero); these
    // lengths do: 0, 112..127 (padding spills into a second block) and 128, 256 (whole blocks).
    public static TheoryData<int, string> BlockBoundaryVectors => new()
    {
        { 0, "a8cfbbd73726062df0c6864dda65defe58ef0cc52a5625090fa17601e1eecd1b" +
             "628e94f396ae402a00acc9eab77b4d4c2e852aaaa25a636d80af3fc7913ef5b8" },
        { 111, "90d7a44ee09ab78a76adf98c03a676c180b000a92b3330eadbc44be4977f998c" +
               "3cf0b5daff5f98247d26bf77e9fc62c978f094304e968bf25a9c542df8078be8" },
        { 112, "7f8a884d8bb03ee6f14018c0e74a6b0fe083d6effb5a7d68d309cada38b17052" +
               "5b5f691df473a2fd3952d89c90a9526fa3695ace0bdee69ff37bf0191b9f1ee9" },
        { 127, "886612b06a0fd665194cda3d4d7e5fb7a9c4935368cdb281880e01216d3cfd30" +
               "bea624256839b246c4fe217f0ae389d8ba65ce02b4b386dd3ac94b72fcfea447" },
        { 128, "1a6ed3b7297f4c761b660752fe50a76eaf9f85b04c31dec4bfbd041496789542" +
               "1004397cf46ab7e741f90b6a92b6c7f16b799c76ed0f069c467748b198d1df6e" },
        { 129, "9643d8065e57d71916ec60a63a6df82292c7464789b67e0c592f6467d0c951ed" +
               "1851cbdab5fbdb974f63aa253870e20cbc756ba3c5dc469b855a35cd787ed067" },
        { 239, "6623d3896eb5acfec2d66e61d8d91c6629f5850fcf62367f2375a2c7a58a5c5a" +
               "98691817432fd4d1921b947dacc9f0163a458107ff0dbcd821e4ee0790c7cb43" },
        { 240, "c01122b035eb0588d5812a81e7885b0129a06aa496ba9b789bd738bd596069ad" +
               "4637d65baa9a6b7200ed8577fc204e4f5e2e44a73ac4f72e69d35f48a0fad5c2" },
        { 256, "a61df3e01e5273db46ad78e95f842ce7311251e479580a3ec7ac936b4daf17c8" +
               "51098c5914e5044998bb5a251c98f173e584907eafeed28a5199bfd731773547" },
    };

    [Theory]
    [MemberData(nameof(BlockBoundaryVectors))]
    public void Hash_BlockBoundaryLength_MatchesZkKitReference(int length, string expectedHashHex)
    {
        byte[] hash = Blake512.Hash(Pattern(length));

        Assert.Equal(expectedHashHex, Convert.ToHexStringLower(hash));
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
