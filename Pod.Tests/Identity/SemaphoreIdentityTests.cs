using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;
using Pod.Identity;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Identity;

[Trait("Category", Vectors.Trait)]
public sealed class SemaphoreIdentityTests
{
    private const string File = "identity.json";

    public static TheoryData<int> V4Cases => Vectors.Indices(File, "v4");

    /// <summary>(identity, signature) index pairs over every v4[].signatures[] row.</summary>
    public static TheoryData<int, int> SignatureCases
    {
        get
        {
            var data = new TheoryData<int, int>();
            JsonArray identities = Vectors.Section(File, "v4");
            for (int i = 0; i < identities.Count; i++)
            {
                for (int j = 0; j < identities[i]!["signatures"]!.AsArray().Count; j++)
                {
                    data.Add(i, j);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(V4Cases))]
    public void Identity_ReferenceCase_MatchesSemaphoreIdentity(int index)
    {
        var item = Vectors.Item(File, index, "v4");
        if (RefusedKey(item) is { } row)
        {
            row.Instead.Check(() => FromVector(item));
            return;
        }

        using SemaphoreIdentity identity = FromVector(item);

        Assert.Equal(item.Hex("privateKeyBytesHex"), ExportBytes(identity));
        Assert.Equal(item.Str("exported"), identity.Export());
        Assert.Equal(item.Str("secretScalar"), identity.SecretScalar.ToString());
        JsonPoints.AssertEqual(item["publicKey"]!, identity.PublicKey.Point);
        Assert.Equal(item.Str("packedPublicKeyBase64"), identity.PublicKey.ToString());
        Assert.Equal(item.Str("packedPublicKeyHex"), identity.PublicKey.ToHexString());
        Assert.Equal(item.Str("commitment"), identity.Commitment.ToString());
        Assert.Equal(
            item["commitmentEqualsPodValueHashOfPublicKey"]!.GetValue<bool>(),
            PodValue.EdDsaPublicKey(item.Str("packedPublicKeyBase64")).Hash == identity.Commitment);
        Assert.Equal(identity.Commitment, identity.ToOwnerValue().Hash);
    }

    [Theory]
    [MemberData(nameof(V4Cases))]
    public void Import_ReferenceExport_GivesTheSameIdentity(int index)
    {
        var item = Vectors.Item(File, index, "v4");
        if (DeliberateDifferences.Find(ReferenceCall.ImportIdentityV4, item.Str("exported")) is { } row)
        {
            row.Instead.Check(() => SemaphoreIdentity.Import(item.Str("exported")));
            return;
        }

        using SemaphoreIdentity imported = SemaphoreIdentity.Import(item.Str("exported"));

        Assert.Equal(item["importedFromExported"]!.Str("commitment"), imported.Commitment.ToString());
        Assert.Equal(item["importedFromExported"]!.Str("secretScalar"), imported.SecretScalar.ToString());
        Assert.Equal(item.Str("exported"), imported.Export());
        Assert.Equal(item.Str("commitment"), SemaphoreIdentity.Import(item.Str("exported").TrimEnd('=')).Commitment.ToString());
    }

    [Theory]
    [MemberData(nameof(V4Cases))]
    public void PodSignerKey_SameBytes_IsTheSameKeyPairFor32ByteKeys(int index)
    {
        var item = Vectors.Item(File, index, "v4");
        if (RefusedKey(item) is not null)
        {
            return; // no identity to compare (Identity_ReferenceCase_MatchesSemaphoreIdentity checks the refusal)
        }

        using SemaphoreIdentity identity = FromVector(item);
        byte[] key = item.Hex("privateKeyBytesHex");

        if (item["podSignerPublicKeyForSameBytes"] is { } expected)
        {
            using var signer = EdDsaPrivateKey.Import(key);
            Assert.Equal(expected.GetValue<string>(), signer.PublicKey.ToString());
            Assert.Equal(signer.PublicKey, identity.PublicKey);
        }
        else
        {
            // The reference records no @pcd/pod key: @pcd/pod keys are 32 bytes, these are not.
            Assert.NotEqual(EdDsaPrivateKey.SizeInBytes, key.Length);
            Assert.Equal(key.Length, identity.PrivateKeyLength);
        }
    }

    [Theory]
    [MemberData(nameof(SignatureCases))]
    public void SignMessage_ReferenceCase_MatchesSignMessageAndVerifySignature(int index, int signatureIndex)
    {
        var item = Vectors.Item(File, index, "v4");
        var row = item["signatures"]![signatureIndex]!;
        if (RefusedKey(item) is not null)
        {
            return; // no identity to sign with (Identity_ReferenceCase_MatchesSemaphoreIdentity checks the refusal)
        }

        using SemaphoreIdentity identity = FromVector(item);
        JsonNode message = row["message"]!;
        EdDsaSignature Sign() => message.Str("kind") switch
        {
            "bigint" => identity.SignMessage(message.Big("value")),
            "number" => identity.SignMessage(new BigInteger(message["value"]!.GetValue<double>())),
            "string" => identity.SignMessage(message.Str("value")),
            string kind => throw new InvalidOperationException($"Unknown message kind {kind}."),
        };

        if (DeliberateDifferences.Find(ReferenceCall.SignMessageV4, row.Big("messageAsBigInt")) is { } refused)
        {
            refused.Instead.Check(() => Sign());
            return;
        }

        Fr asField = Fr.Parse(row.Str("messageAsBigInt"));
        EdDsaSignature signature = Sign();

        JsonPoints.AssertEqual(row["R8"]!, signature.R8);
        Assert.Equal(row.Big("S"), signature.S);
        Assert.Equal(row.Str("packedSignatureBase64"), signature.ToString());
        Assert.Equal(signature, identity.SignMessage(asField));
        if (message.Str("kind") == "string")
        {
            Assert.Equal(row.Big("messageAsBigInt"), SemaphoreMessage.ToInteger(message.Str("value")));
            Assert.True(SemaphoreIdentity.VerifySignature(message.Str("value"), signature, identity.PublicKey));
        }

        Assert.Equal(row["verifySignature"]!.GetValue<bool>(), SemaphoreIdentity.VerifySignature(asField, signature, identity.PublicKey));
        Assert.Equal(row["verifySignature"]!.GetValue<bool>(), SemaphoreIdentity.VerifySignature(row.Big("messageAsBigInt"), signature, identity.PublicKey));

        JsonNode wrongMessage = row["verifySignatureWrongMessage"]!;
        bool wrongResult = wrongMessage["result"]!.GetValue<bool>();
        Assert.Equal(wrongResult, SemaphoreIdentity.VerifySignature(wrongMessage.Big("message"), signature, identity.PublicKey));
        Assert.Equal(wrongResult, SemaphoreIdentity.VerifySignature(wrongMessage.Str("message"), signature, identity.PublicKey));

        JsonNode otherKey = row["verifySignatureOtherKey"]!;
        var other = EdDsaPublicKey.FromPoint(JsonPoints.Point(otherKey["publicKey"]!));
        Assert.Equal(otherKey["result"]!.GetValue<bool>(), SemaphoreIdentity.VerifySignature(asField, signature, other));
    }

    [Theory]
    [InlineData("", "0")]
    [InlineData("42", "42")]
    [InlineData(" 42\n", "42")]
    [InlineData("\u00a0\u2028\ufeff7\t", "7")]
    [InlineData("+7", "7")]
    [InlineData("-0", "0")]
    [InlineData("-5", "-5")]
    [InlineData("0x1234", "4660")]
    [InlineData("0X1f", "31")]
    [InlineData("0o17", "15")]
    [InlineData("0b101", "5")]
    [InlineData("hello", "448378203247")]
    [InlineData("1e3", "3237171")]
    [InlineData("1.5", "3223093")]
    [InlineData("-0x1", "758151217")]
    [InlineData("0x", "12408")]
    [InlineData("0b2", "3170866")]
    [InlineData("\u00855", "12748085")]
    public void MessageText_ReadAsJavaScriptBigIntOrUtf8Bytes(string message, string expected)
    {
        // checkMessage of @zk-kit/eddsa-poseidon 1.0.4: BigInt(text) when that parses, else the UTF-8
        // bytes big-endian (U+0085 is white space to .NET but not to JavaScript). Not in identity.json;
        // the non-negative rows were checked by running Identity 4.14.2 (signMessage, verifySignature).
        Assert.Equal(BigInteger.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SemaphoreMessage.ToInteger(message));
    }

    [Fact]
    public void SignMessage_TextOfMoreThan32Bytes_ThrowsAsTheReferenceDoes()
    {
        // The reference: "Size 32 is too small, need at least 33 bytes".
        using SemaphoreIdentity identity = SemaphoreIdentity.FromSecretText("alice");
        string text = new('!', 33);

        var error = Assert.Throws<ArgumentException>(() => identity.SignMessage(text));

        Assert.Equal("message", error.ParamName);
        Assert.Contains("33 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(SemaphoreIdentity.VerifySignature(new string('!', 32), identity.SignMessage(new string('!', 32)), identity.PublicKey));
    }

    [Fact]
    public void VerifySignature_LongText_ReducesModRAsTheReference()
    {
        // The reference's verifySignature has no length limit: the number is reduced by Poseidon.
        using SemaphoreIdentity identity = SemaphoreIdentity.FromSecretText("alice");
        string text = "a message of more than thirty-two bytes";
        Fr reduced = Fr.FromBigIntegerReduced(new BigInteger(Encoding.UTF8.GetBytes(text), isUnsigned: true, isBigEndian: true));

        Assert.True(SemaphoreIdentity.VerifySignature(text, identity.SignMessage(reduced), identity.PublicKey));
        Assert.True(SemaphoreIdentity.VerifySignature(-BigInteger.One, identity.SignMessage(Fr.Modulus - 1), identity.PublicKey));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    [InlineData("21888242871839275222246405745257275088548364400416034343698204186575808495617")]
    [InlineData("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639936")]
    public void SignMessage_NotAFieldElement_ThrowsWhereTheReferenceSigns(string message)
    {
        // Stricter than the reference: it signs m in [r, 2^256) with a nonce from the unreduced value, and a
        // negative m with the nonce of message 0, so signatures of -5 and 0 give the secret scalar away
        // (checked by running Identity 4.14.2). Pod signs neither.
        using SemaphoreIdentity identity = SemaphoreIdentity.FromSecretText("alice");

        Assert.Equal("message", Assert.ThrowsAny<ArgumentException>(() => identity.SignMessage(message)).ParamName);
        if (message.StartsWith('-') || char.IsAsciiDigit(message[0]))
        {
            Assert.IsType<ArgumentOutOfRangeException>(Assert.ThrowsAny<ArgumentException>(() => identity.SignMessage(message)));
            if (SemaphoreMessage.ToInteger(message) is BigInteger m)
            {
                Assert.Equal("message", Assert.Throws<ArgumentOutOfRangeException>(() => identity.SignMessage(m)).ParamName);
            }
        }
    }

    [Fact]
    public void VerifySignature_NumberOf2To256OrMore_IsDecidedByTheDifferencesTable()
    {
        // The reference reads a message string of any length and reduces it mod r: 5 + k r verifies as 5 (checked by
        // running Identity 4.14.2). Pod reads numbers below 2^256 only, in time linear in the text.
        using SemaphoreIdentity identity = SemaphoreIdentity.FromSecretText("alice");
        EdDsaSignature five = identity.SignMessage(Fr.FromUInt64(5));
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        BigInteger beyond = ((BigInteger.One << 256) / Fr.Modulus + 1) * Fr.Modulus + 5, within = Fr.Modulus + 5;
        string[] messages =
        [
            beyond.ToString(culture), "0x" + beyond.ToString("x", culture).TrimStart('0'), " " + within.ToString(culture), "0x0" + within.ToString("x", culture),
            new string('0', 500) + "5", "0b" + new string('0', 5000) + "101", (beyond * (BigInteger.One << 4000)).ToString(culture),
        ];

        foreach (string message in messages)
        {
            Func<object?> pod = () => SemaphoreIdentity.VerifySignature(message, five, identity.PublicKey);
            if (DeliberateDifferences.Find(ReferenceCall.VerifySignatureTextV4, message) is { } row)
            {
                row.Instead.Check(pod);
            }
            else
            {
                Assert.True((bool)pod()!); // the reference's answer: the number reduced mod r is 5
            }
        }

        Assert.Equal(3, messages.Count(m => DeliberateDifferences.Find(ReferenceCall.VerifySignatureTextV4, m) is not null));
    }

    [Fact]
    public void Generate_GivesDistinct32ByteIdentities()
    {
        using SemaphoreIdentity a = SemaphoreIdentity.Generate();
        using SemaphoreIdentity b = SemaphoreIdentity.Generate();

        Assert.Equal(SemaphoreIdentity.GeneratedKeySizeInBytes, a.PrivateKeyLength);
        Assert.NotEqual(a.Commitment, b.Commitment);
        Assert.True(SemaphoreIdentity.VerifySignature(Fr.One, a.SignMessage(Fr.One), a.PublicKey));
        Assert.False(SemaphoreIdentity.VerifySignature(Fr.One, a.SignMessage(Fr.One), b.PublicKey));
    }

    [Fact]
    public void FromSecretText_LoneSurrogate_IsReplacementCharacterAsInNode()
    {
        using SemaphoreIdentity lone = SemaphoreIdentity.FromSecretText("a\ud800");
        using SemaphoreIdentity replaced = SemaphoreIdentity.FromPrivateKey([0x61, 0xEF, 0xBF, 0xBD]);

        Assert.Equal(replaced.Commitment, lone.Commitment);
    }

    [Fact]
    public void Factories_NullOrEmpty_ThrowWithParamName()
    {
        Assert.Equal("secret", Assert.Throws<ArgumentNullException>(() => SemaphoreIdentity.FromSecretText(null!)).ParamName);
        Assert.Equal("secret", Assert.Throws<ArgumentException>(() => SemaphoreIdentity.FromSecretText("")).ParamName);
        Assert.Equal("privateKey", Assert.Throws<ArgumentException>(() => SemaphoreIdentity.FromPrivateKey([])).ParamName);
        Assert.Equal("exported", Assert.Throws<ArgumentNullException>(() => SemaphoreIdentity.Import(null!)).ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("=")]
    [InlineData("A")]
    [InlineData("YWxpY2U*")]
    [InlineData("YWxp Y2U=")]
    [InlineData("YWxpY2U===")]
    [InlineData("YWxpY2U-")]
    public void Import_NotStandardBase64_ThrowsFormatExceptionWithoutTheText(string text)
    {
        // Node's Buffer.from(text, "base64") skips characters it does not know and reads "" as no key;
        // Pod refuses both (an empty key is known to everyone).
        var error = Assert.Throws<FormatException>(() => SemaphoreIdentity.Import(text));
        if (text.Length > 1)
        {
            Assert.DoesNotContain(text, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ApiContract_NullArguments_ThrowWithParamName()
    {
        using SemaphoreIdentity identity = SemaphoreIdentity.FromSecretText("alice");
        EdDsaSignature signature = identity.SignMessage(Fr.One);

        Assert.Equal("message", Assert.Throws<ArgumentNullException>(() => identity.SignMessage((string)null!)).ParamName);
        Assert.Equal("message", Assert.Throws<ArgumentNullException>(() => SemaphoreIdentity.VerifySignature((string)null!, signature, identity.PublicKey)).ParamName);
        Assert.Equal("ownerValue", Assert.Throws<ArgumentNullException>(() => identity.Owns(null!)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => identity.ExportPrivateKey(new byte[4])).ParamName);
    }

    [Fact]
    public void VerifySignature_DefaultValues_ReturnFalse()
    {
        using SemaphoreIdentity identity = SemaphoreIdentity.FromSecretText("alice");
        Assert.False(SemaphoreIdentity.VerifySignature(Fr.One, identity.SignMessage(Fr.One), default));
        Assert.False(SemaphoreIdentity.VerifySignature(Fr.One, default, identity.PublicKey));
    }

    [Fact]
    public void Disposed_ZeroesTheKeyAndRefusesUse()
    {
        var identity = SemaphoreIdentity.FromSecretText("alice");
        var key = (EdDsaPrivateKey)typeof(SemaphoreIdentity)
            .GetField("_key", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(identity)!;

        identity.Dispose();

        Assert.Throws<ObjectDisposedException>(() => identity.SecretScalar);
        Assert.Throws<ObjectDisposedException>(() => identity.PublicKey);
        Assert.Throws<ObjectDisposedException>(() => identity.Commitment);
        Assert.Throws<ObjectDisposedException>(() => identity.PrivateKeyLength);
        Assert.Throws<ObjectDisposedException>(() => identity.Export());
        Assert.Throws<ObjectDisposedException>(() => identity.ExportPrivateKey(new byte[32]));
        Assert.Throws<ObjectDisposedException>(() => identity.SignMessage(Fr.One));
        Assert.Throws<ObjectDisposedException>(() => identity.SignMessage(BigInteger.One));
        Assert.Throws<ObjectDisposedException>(() => identity.SignMessage("1"));
        Assert.Throws<ObjectDisposedException>(() => identity.ToOwnerValue());
        Assert.Throws<ObjectDisposedException>(() => identity.Owns(PodValue.Null));
        Assert.Throws<ObjectDisposedException>(() => key.PublicKey);
        Assert.True(typeof(EdDsaPrivateKey)
            .GetField("_material", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(key) is byte[] material && material.All(b => b == 0));
        Assert.Equal("SemaphoreIdentity (disposed)", identity.ToString());
        identity.Dispose();
    }

    [Fact]
    public void ToString_ShowsTheCommitmentAndNoSecret()
    {
        using SemaphoreIdentity identity = SemaphoreIdentity.FromPrivateKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        string text = identity.ToString();

        Assert.Contains(identity.Commitment.ToString(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(identity.Export(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(identity.Export().TrimEnd('='), text, StringComparison.Ordinal);
        Assert.DoesNotContain("0102", text, StringComparison.Ordinal);
        Assert.DoesNotContain(identity.SecretScalar.ToString(), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Owns_OnlyAnEdDsaPublicKeyValueOfItsOwnKey()
    {
        using SemaphoreIdentity alice = SemaphoreIdentity.FromSecretText("alice");
        using SemaphoreIdentity bob = SemaphoreIdentity.FromSecretText("bob");

        Assert.True(alice.Owns(alice.ToOwnerValue()));
        Assert.True(alice.Owns(PodValue.EdDsaPublicKey(alice.PublicKey.ToHexString())));
        Assert.False(alice.Owns(bob.ToOwnerValue()));
        Assert.False(alice.Owns(PodValue.Cryptographic(alice.Commitment)));
        Assert.False(alice.Owns(PodValue.String(alice.PublicKey.ToString())));
    }

    /// <summary>The row that refuses the case's key (the empty key), or null.</summary>
    internal static DeliberateDifference? RefusedKey(JsonNode item) =>
        DeliberateDifferences.Find(ReferenceCall.NewIdentityV4, item.Hex("privateKeyBytesHex"));

    internal static SemaphoreIdentity FromVector(JsonNode item)
    {
        if (item.Str("source") == "text")
        {
            string text = item.Str("privateKeyText");
            Assert.Equal(item.Hex("privateKeyBytesHex"), Encoding.UTF8.GetBytes(text));
            return SemaphoreIdentity.FromSecretText(text);
        }

        return SemaphoreIdentity.FromPrivateKey(item.Hex("privateKeyBytesHex"));
    }

    private static byte[] ExportBytes(SemaphoreIdentity identity)
    {
        byte[] key = new byte[identity.PrivateKeyLength];
        Assert.Equal(key.Length, identity.ExportPrivateKey(key));
        return key;
    }
}
