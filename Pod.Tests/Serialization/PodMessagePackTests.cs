using Pod.Cryptography.Signatures;
using Pod.Serialization;
using Xunit;

namespace Pod.Tests.Serialization;

public sealed class PodMessagePackTests
{
    private const string WorkedExample =
        "940188a36167652aa4626f726e920100a269649200c40107a46e616d65a3416461a46e6f7465c0a26f6bc3a56f776e65729202c42091f1095ac019b50610b5cb56e5db3889177fee8b6422fca3dac04ee1932431a9a3726177c4020102c440bca964845d26804026271822993fff8b2a12956af48ea8f269d435780c74549a2241a7534cada262d23403775cd0ceb653c1aacc96de8406f793380e30eeb000c42091f1095ac019b50610b5cb56e5db3889177fee8b6422fca3dac04ee1932431a9";

    private static SignedPod ExamplePod(EdDsaPrivateKey key) => SignedPod.Sign(PodEntries.Create(new Dictionary<string, PodValue>
    {
        ["age"] = PodValue.Int(42),
        ["name"] = PodValue.String("Ada"),
        ["id"] = PodValue.Cryptographic(7),
        ["born"] = PodValue.Date(0),
        ["raw"] = PodValue.Bytes([1, 2]),
        ["ok"] = PodValue.Boolean(true),
        ["note"] = PodValue.Null,
        ["owner"] = PodValue.EdDsaPublicKey(key.PublicKey),
    }), key);

    [Fact]
    public void Serialize_WorkedExampleOfFormatsDoc_MatchesByteForByte()
    {
        using var key = EdDsaPrivateKey.Import(new byte[32]);
        SignedPod pod = ExamplePod(key);

        Assert.Equal(WorkedExample, Convert.ToHexStringLower(PodMessagePack.Serialize(pod)));
        Assert.Equal(pod, PodMessagePack.Deserialize(Convert.FromHexString(WorkedExample)));
        string doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "formats.md"));
        Assert.Contains(WorkedExample, doc, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("95", "array of 5")]
    [InlineData("9402", "version 2")]
    [InlineData("940180", "no entries")]
    [InlineData("940181a162a16181a161", "names out of order")]
    [InlineData("940182a16101a16102", "repeated name")]
    [InlineData("940181a1312a", "invalid name")]
    [InlineData("940181a1619203", "unknown tag")]
    [InlineData("940181a1619200c40100", "cryptographic with a leading zero")]
    [InlineData("940181a161cb3ff0000000000000", "float value")]
    public void Deserialize_MalformedPrefix_ThrowsFormatException(string hex, string what)
    {
        var error = Assert.Throws<FormatException>(() => PodMessagePack.Deserialize(Convert.FromHexString(hex)));
        Assert.False(string.IsNullOrEmpty(error.Message), what);
    }

    [Fact]
    public void Deserialize_TrailingByte_ThrowsFormatException()
    {
        byte[] bytes = Convert.FromHexString(WorkedExample + "00");
        Assert.Throws<FormatException>(() => PodMessagePack.Deserialize(bytes));
    }

    [Fact]
    public void Deserialize_TamperedEntry_LoadsButDoesNotVerify()
    {
        byte[] bytes = Convert.FromHexString(WorkedExample);
        bytes[7] = 0x2b; // age 42 -> 43
        SignedPod pod = PodMessagePack.Deserialize(bytes);
        Assert.Equal(PodValue.Int(43), pod.Entries["age"]);
        Assert.False(pod.Verify());
    }
}
