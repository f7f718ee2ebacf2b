using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Identity;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Identity;

[Trait("Category", Vectors.Trait)]
public sealed class SemaphoreV3IdentityTests
{
    private const string File = "identity.json";

    public static TheoryData<int> V3Cases => Vectors.Indices(File, "v3");

    [Theory]
    [MemberData(nameof(V3Cases))]
    public void Identity_ReferenceCase_MatchesSemaphoreV3Identity(int index)
    {
        var item = Vectors.Item(File, index, "v3");
        string input = item.Str("input");
        (ReferenceCall call, Func<SemaphoreV3Identity> create, Type refusal) = item.Str("source") switch
        {
            "message" => (ReferenceCall.NewIdentityV3, new Func<SemaphoreV3Identity>(() => SemaphoreV3Identity.FromMessage(input)), typeof(ArgumentException)),
            "jsonArray" => (ReferenceCall.ImportIdentityV3, new Func<SemaphoreV3Identity>(() => SemaphoreV3Identity.Import(input)), typeof(FormatException)),
            string source => throw new InvalidOperationException($"Unknown source {source}."),
        };

        if (DeliberateDifferences.Find(call, input) is { } row)
        {
            row.Instead.Check(create);
            return;
        }

        // A case the reference refuses records its error instead of the identity.
        if (item["trapdoor"] is null || item["result"]?["ok"]?.GetValue<bool>() == false || item["error"] is not null)
        {
            Assert.Throws(refusal, create);
            return;
        }

        using SemaphoreV3Identity identity = create();

        if (item["sha512Hex"] is not null)
        {
            Assert.Equal(item.Str("sha512Hex"), Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(input))));
        }

        Assert.Equal(item.Str("trapdoor"), identity.Trapdoor.ToString());
        Assert.Equal(item.Str("nullifier"), identity.Nullifier.ToString());
        Assert.Equal(item.Str("secret"), identity.Secret.ToString());
        Assert.Equal(item.Str("commitment"), identity.Commitment.ToString());
        Assert.Equal(item.Str("toString"), identity.Export());
        Assert.Equal(new Answers("commitment"), DeliberateDifferences.Find(ReferenceCall.ToStringV3, identity)!.Instead);
        Assert.Contains(identity.Commitment.ToString(), identity.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(item.Str("toString"), identity.ToString(), StringComparison.Ordinal);
        Assert.Equal(item.Str("commitmentPodValueHash"), identity.ToOwnerValue().Hash.ToString());
        Assert.Equal(Poseidon.Hash(identity.Nullifier, identity.Trapdoor), identity.Secret);
        using SemaphoreV3Identity reimported = SemaphoreV3Identity.Import(identity.Export());
        Assert.Equal(identity.Commitment, reimported.Commitment);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("[\"1\",\"2\"]")]
    [InlineData("[\"0x1\",\"0x02\"]")]
    [InlineData(" [ \"0x1\" ,\n 2.0 ] ")]
    [InlineData("[1e0,\"0x2\"]")]
    public void Import_FormsEthersBigNumberReads_GiveTheSameIdentity(string text)
    {
        using SemaphoreV3Identity identity = SemaphoreV3Identity.Import(text);

        Assert.Equal(Fr.One, identity.Trapdoor);
        Assert.Equal(Fr.FromUInt64(2), identity.Nullifier);
        Assert.Equal("[\"0x1\",\"0x2\"]", identity.Export());
    }

    [Fact]
    public void Import_LargestJsonNumberAndLargestElement_Accepted()
    {
        using SemaphoreV3Identity identity = SemaphoreV3Identity.Import($"[9007199254740990,\"{Fr.Modulus - 1}\"]");

        Assert.Equal(Fr.FromUInt64(9007199254740990), identity.Trapdoor);
        Assert.Equal(-Fr.One, identity.Nullifier);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("[\"0x1\"]")]
    [InlineData("[\"0x1\",\"0x2\",\"0x3\"]")] // the reference ignores extra elements
    [InlineData("[\"-0x1\",\"0x2\"]")] // the reference takes negatives; no identity it makes has one
    [InlineData("[\"-1\",\"2\"]")]
    [InlineData("[1.5,2]")]
    [InlineData("[-1,2]")]
    [InlineData("[9007199254740991,1]")] // ethers: overflow at MAX_SAFE
    [InlineData("[\"0x\",\"1\"]")]
    [InlineData("[\"\",\"1\"]")]
    [InlineData("[\" 1\",\"2\"]")]
    [InlineData("[\"1e3\",\"2\"]")]
    [InlineData("[true,1]")]
    [InlineData("[null,1]")]
    [InlineData("[[1],2]")] // the reference reads a byte array as a number
    [InlineData("[\"0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001\",\"1\"]")] // r: the reference takes it unreduced
    [InlineData("[\"0x1\",\"0x2\"] x")]
    [InlineData("[\"0X1\",\"0x2\"]")] // ethers' pattern takes "0X", then BN.js refuses it ("Invalid character in 0X1")
    [InlineData("[\"0x1\",\"0X2\"]")]
    public void Import_NotASerializedIdentity_ThrowsFormatExceptionWithoutTheText(string text)
    {
        var error = Assert.Throws<FormatException>(() => SemaphoreV3Identity.Import(text));
        if (text.Length > 2)
        {
            Assert.DoesNotContain(text, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("[\"0x1\",\"0x2\"]")]
    [InlineData(" [1, 2]\n")]
    [InlineData("[]")]
    public void FromMessage_JsonArray_ThrowsWhereTheReferenceWouldDeserialize(string message)
    {
        // new Identity(text) reads a JSON array as a serialized identity; FromMessage only hashes, so it
        // refuses such text rather than give an identity the reference would not.
        Assert.Equal("message", Assert.Throws<ArgumentException>(() => SemaphoreV3Identity.FromMessage(message)).ParamName);
    }

    [Theory]
    [InlineData("[abc]")]
    [InlineData("[1,2")]
    [InlineData("\"[1,2]\"")]
    [InlineData("{\"a\":[1]}")]
    [InlineData("")]
    public void FromMessage_TextThatIsNoJsonArray_IsHashed(string message)
    {
        using SemaphoreV3Identity identity = SemaphoreV3Identity.FromMessage(message);
        byte[] hash = SHA512.HashData(Encoding.UTF8.GetBytes(message));

        Assert.Equal(new BigInteger(hash.AsSpan(0, 32), isUnsigned: true, isBigEndian: true) >> 3, identity.Nullifier.ToBigInteger());
        Assert.Equal(new BigInteger(hash.AsSpan(32), isUnsigned: true, isBigEndian: true) >> 3, identity.Trapdoor.ToBigInteger());
    }

    [Fact]
    public void FromMessage_LoneSurrogate_Throws()
    {
        // js-sha512 encodes a lone surrogate in its own non-standard way; Pod refuses such text.
        Assert.Equal("message", Assert.Throws<ArgumentException>(() => SemaphoreV3Identity.FromMessage("a\ud800b")).ParamName);
        using SemaphoreV3Identity paired = SemaphoreV3Identity.FromMessage("🎟️");
        Assert.NotEqual(Fr.Zero, paired.Commitment);
    }

    [Fact]
    public void Generate_GivesDistinct31ByteSecrets()
    {
        using SemaphoreV3Identity a = SemaphoreV3Identity.Generate();
        using SemaphoreV3Identity b = SemaphoreV3Identity.Generate();
        BigInteger bound = BigInteger.One << (8 * SemaphoreV3Identity.GeneratedSecretSizeInBytes);

        Assert.NotEqual(a.Commitment, b.Commitment);
        Assert.NotEqual(a.Trapdoor, a.Nullifier);
        Assert.True(a.Trapdoor.ToBigInteger() < bound && a.Nullifier.ToBigInteger() < bound);
    }

    [Fact]
    public void ApiContract_NullArguments_ThrowWithParamName()
    {
        using SemaphoreV3Identity identity = SemaphoreV3Identity.FromMessage("alice");

        Assert.Equal("message", Assert.Throws<ArgumentNullException>(() => SemaphoreV3Identity.FromMessage(null!)).ParamName);
        Assert.Equal("serialized", Assert.Throws<ArgumentNullException>(() => SemaphoreV3Identity.Import(null!)).ParamName);
        Assert.Equal("ownerValue", Assert.Throws<ArgumentNullException>(() => identity.Owns(null!)).ParamName);
    }

    [Fact]
    public void Disposed_ZeroesTheSecretsAndRefusesUse()
    {
        var identity = SemaphoreV3Identity.FromMessage("alice");

        identity.Dispose();

        Assert.Throws<ObjectDisposedException>(() => identity.Trapdoor);
        Assert.Throws<ObjectDisposedException>(() => identity.Nullifier);
        Assert.Throws<ObjectDisposedException>(() => identity.Secret);
        Assert.Throws<ObjectDisposedException>(() => identity.Commitment);
        Assert.Throws<ObjectDisposedException>(() => identity.Export());
        Assert.Throws<ObjectDisposedException>(() => identity.ToOwnerValue());
        Assert.Throws<ObjectDisposedException>(() => identity.Owns(PodValue.Null));
        foreach (string field in new[] { "_trapdoor", "_nullifier", "_secret" })
        {
            Assert.Equal(Fr.Zero, (Fr)typeof(SemaphoreV3Identity)
                .GetField(field, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .GetValue(identity)!);
        }

        Assert.Equal("SemaphoreV3Identity (disposed)", identity.ToString());
        identity.Dispose();
    }

    [Fact]
    public void ToString_ShowsTheCommitmentAndNoSecret()
    {
        using SemaphoreV3Identity identity = SemaphoreV3Identity.FromMessage("alice");
        string text = identity.ToString();

        Assert.Contains(identity.Commitment.ToString(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(identity.Export(), text, StringComparison.Ordinal);
        foreach (Fr secret in new[] { identity.Trapdoor, identity.Nullifier, identity.Secret })
        {
            Assert.DoesNotContain(secret.ToString(), text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret.ToHexString()[2..], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Owns_OnlyACryptographicValueOfItsCommitment()
    {
        using SemaphoreV3Identity alice = SemaphoreV3Identity.FromMessage("alice");
        using SemaphoreV3Identity bob = SemaphoreV3Identity.FromMessage("bob");

        Assert.True(alice.Owns(alice.ToOwnerValue()));
        Assert.True(alice.Owns(PodValue.Cryptographic(alice.Commitment.ToBigInteger())));
        Assert.False(alice.Owns(bob.ToOwnerValue()));
        Assert.False(alice.Owns(PodValue.Cryptographic(alice.Secret)));
        Assert.False(alice.Owns(PodValue.String(alice.Commitment.ToString())));
    }
}
