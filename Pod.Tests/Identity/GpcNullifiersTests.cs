using System.Numerics;
using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Identity;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Identity;

[Trait("Category", Vectors.Trait)]
public sealed class GpcNullifiersTests
{
    private const string File = "identity.json";

    public static TheoryData<int> NullifierCases => Vectors.Indices(File, "nullifiers");

    [Theory]
    [MemberData(nameof(NullifierCases))]
    public void NullifierHash_ReferenceCase_MatchesGpc(int index)
    {
        var item = Vectors.Item(File, index, "nullifiers");
        PodValue externalNullifier = TypedValues.From(item["externalNullifier"]!);
        JsonNode v4Item = Vectors.Item(File, item["v4Index"]!.GetValue<int>(), "v4");
        using SemaphoreV3Identity v3 = SemaphoreV3Identity.Import(Vectors.Item(File, item["v3Index"]!.GetValue<int>(), "v3").Str("toString"));

        Fr signal = GpcNullifiers.ExternalNullifierSignal(externalNullifier);

        Assert.Equal(item.Big("externalNullifierSignal"), externalNullifier.CircuitValue ?? externalNullifier.Hash.ToBigInteger());
        Assert.Equal(item.Str("externalNullifierSignalModR"), signal.ToString());

        // The formula, checked against every reference value, including the ones Pod refuses below.
        Assert.Equal(item.Str("nullifierHashV3"), Poseidon.Hash(signal, v3.Nullifier).ToString());
        using SemaphoreIdentity? v4 = SemaphoreIdentityTests.RefusedKey(v4Item) is null ? SemaphoreIdentityTests.FromVector(v4Item) : null;
        if (v4 is not null)
        {
            Assert.Equal(item.Str("nullifierHashV4"), Poseidon.Hash(signal, v4.SecretScalar).ToString());
        }

        if (DeliberateDifferences.Find(ReferenceCall.NullifierHash, item.Big("externalNullifierSignal")) is { } row)
        {
            row.Instead.Check(() => GpcNullifiers.NullifierHash(v3, externalNullifier));
            Assert.Equal("externalNullifier", Assert.Throws<ArgumentException>(() => GpcNullifiers.NullifierHash(v3, externalNullifier)).ParamName);
            if (v4 is not null)
            {
                row.Instead.Check(() => GpcNullifiers.NullifierHash(v4, externalNullifier));
            }
        }
        else
        {
            Assert.Equal(item.Str("nullifierHashV3"), GpcNullifiers.NullifierHash(v3, externalNullifier).ToString());
            if (v4 is not null)
            {
                Assert.Equal(item.Str("nullifierHashV4"), GpcNullifiers.NullifierHash(v4, externalNullifier).ToString());
            }
        }
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(-2L)]
    [InlineData(0L)]
    public void NullifierHash_DateScopes_RefuseOnlyMinusOneMillisecond(long milliseconds)
    {
        using SemaphoreIdentity identity = SemaphoreIdentity.FromSecretText("alice");
        PodValue scope = PodValue.Date(milliseconds);

        Assert.Equal(Fr.FromBigIntegerReduced(milliseconds), GpcNullifiers.ExternalNullifierSignal(scope));
        if (milliseconds == -1)
        {
            var error = Assert.Throws<ArgumentException>(() => GpcNullifiers.NullifierHash(identity, scope));
            Assert.Contains("r - 1", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(Poseidon.Hash(Fr.FromBigIntegerReduced(milliseconds), identity.SecretScalar), GpcNullifiers.NullifierHash(identity, scope));
        }
    }

    [Fact]
    public void ExternalNullifierSignal_NumericValuesAreRawAndOthersHashed()
    {
        Assert.Equal(Fr.FromUInt64(7), GpcNullifiers.ExternalNullifierSignal(PodValue.Int(7)));
        Assert.Equal(Fr.One, GpcNullifiers.ExternalNullifierSignal(PodValue.Boolean(true)));
        Assert.Equal(Fr.FromBigIntegerReduced(new BigInteger(long.MinValue)), GpcNullifiers.ExternalNullifierSignal(PodValue.Int(long.MinValue)));
        Assert.Equal(PodValue.String("7").Hash, GpcNullifiers.ExternalNullifierSignal(PodValue.String("7")));
        Assert.Equal(PodValue.Null.Hash, GpcNullifiers.ExternalNullifierSignal(PodValue.Null));
    }

    [Fact]
    public void ApiContract_NullArguments_ThrowWithParamName()
    {
        using SemaphoreIdentity v4 = SemaphoreIdentity.FromSecretText("alice");
        using SemaphoreV3Identity v3 = SemaphoreV3Identity.FromMessage("alice");
        PodValue scope = PodValue.String("vote-2024");

        Assert.Equal("externalNullifier", Assert.Throws<ArgumentNullException>(() => GpcNullifiers.ExternalNullifierSignal(null!)).ParamName);
        Assert.Equal("identity", Assert.Throws<ArgumentNullException>(() => GpcNullifiers.NullifierHash((SemaphoreIdentity)null!, scope)).ParamName);
        Assert.Equal("identity", Assert.Throws<ArgumentNullException>(() => GpcNullifiers.NullifierHash((SemaphoreV3Identity)null!, scope)).ParamName);
        Assert.Equal("externalNullifier", Assert.Throws<ArgumentNullException>(() => GpcNullifiers.NullifierHash(v4, null!)).ParamName);
        Assert.Equal("externalNullifier", Assert.Throws<ArgumentNullException>(() => GpcNullifiers.NullifierHash(v3, null!)).ParamName);
    }

    [Fact]
    public void NullifierHash_DisposedIdentity_Throws()
    {
        var v4 = SemaphoreIdentity.FromSecretText("alice");
        var v3 = SemaphoreV3Identity.FromMessage("alice");
        v4.Dispose();
        v3.Dispose();

        Assert.Throws<ObjectDisposedException>(() => GpcNullifiers.NullifierHash(v4, PodValue.Int(1)));
        Assert.Throws<ObjectDisposedException>(() => GpcNullifiers.NullifierHash(v3, PodValue.Int(1)));
    }
}
