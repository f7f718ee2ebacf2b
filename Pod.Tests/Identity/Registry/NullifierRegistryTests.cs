using System.Security.Cryptography;
using System.Text;
using Pod.Cryptography;
using Pod.Cryptography.Fields;
using Pod.Identity.Registry;
using Xunit;

namespace Pod.Tests.Identity.Registry;

public sealed class NullifierRegistryTests : IDisposable
{
    private static readonly Fr Alice = Fr.FromUInt64(11);
    private static readonly Fr Yes = Fr.FromUInt64(1);
    private static readonly Fr NotRevealed = Fr.FromBigInteger(Fr.Modulus - 1);

    private readonly InMemoryNullifierStore _store = new();
    private readonly NullifierRegistry _registry;

    public NullifierRegistryTests() => _registry = new NullifierRegistry(_store);

    public void Dispose() => _store.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("zuzalu-airdrop-2025")]
    [InlineData("I am a nullifier.")]
    [InlineData("élection 🗳")]
    public void ScopeFromName_IsShiftedSha256OfUtf8AsTheStringValueHash(string name)
    {
        // @pcd/pod's podStringHash: SHA-256 of the UTF-8 bytes, shifted right 8 bits.
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(name));

        Assert.Equal(Fr.FromBytesReduced(digest.AsSpan(0, 31), ByteOrder.BigEndian), NullifierRegistry.ScopeFromName(name));
        Assert.Equal(PodValue.String(name).Hash, NullifierRegistry.ScopeFromName(name));
    }

    [Fact]
    public async Task NamedScope_IsTheSameScopeAsItsFieldElement()
    {
        Fr scope = NullifierRegistry.ScopeFromName("devcon-vote");

        Assert.Equal(RegistrationResult.FirstUse, await _registry.RegisterAsync("devcon-vote", Alice));
        Assert.Equal(RegistrationResult.AlreadyRegistered, await _registry.RegisterAsync(scope, Alice));
        Assert.Equal(VoteResult.Recorded, await _registry.CastVoteAsync(scope, Alice, Yes));
        Assert.Equal(VoteResult.Replaced, await _registry.CastVoteAsync("devcon-vote", Alice, Yes));
        Assert.Equal(1, (await _registry.TallyAsync("devcon-vote")).CountOf(Yes));
        Assert.Equal(scope, (await _registry.TallyAsync("devcon-vote")).Scope);
        Assert.Equal(RegistrationResult.FirstUse, await _registry.RegisterAsync("devcon-vote-2", Alice));
    }

    [Fact]
    public async Task NotRevealedSentinel_AsScopeOrNullifier_IsRejectedBeforeTheStore()
    {
        Fr scope = Fr.FromUInt64(5);

        await AssertRejected("scope", () => _registry.RegisterAsync(NotRevealed, Alice));
        await AssertRejected("nullifierHash", () => _registry.RegisterAsync(scope, NotRevealed));
        await AssertRejected("nullifierHash", () => _registry.RegisterAsync("name", NotRevealed));
        await AssertRejected("scope", () => _registry.CastVoteAsync(NotRevealed, Alice, Yes));
        await AssertRejected("nullifierHash", () => _registry.CastVoteAsync(scope, NotRevealed, Yes));
        await AssertRejected("scope", () => _registry.TallyAsync(NotRevealed));
        Assert.Equal(RegistrationResult.FirstUse, await _store.RegisterAsync(scope, Alice));
        Assert.Equal(RegistrationResult.FirstUse, await _store.RegisterAsync(NotRevealed, Alice));
    }

    [Fact]
    public async Task ScopeName_NullOrLoneSurrogate_Throws()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => NullifierRegistry.ScopeFromName(null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => NullifierRegistry.ScopeFromName("\ud800")).ParamName);
        Assert.Equal("scopeName", (await Assert.ThrowsAsync<ArgumentNullException>(() => _registry.RegisterAsync((string)null!, Alice))).ParamName);
        Assert.Equal("scopeName", (await Assert.ThrowsAsync<ArgumentException>(() => _registry.CastVoteAsync("\ud800", Alice, Yes))).ParamName);
        Assert.Equal("scopeName", (await Assert.ThrowsAsync<ArgumentException>(() => _registry.TallyAsync("a\udc00"))).ParamName);
    }

    [Fact]
    public void Constructor_NullStore_Throws() =>
        Assert.Equal("store", Assert.Throws<ArgumentNullException>(() => new NullifierRegistry(null!)).ParamName);

    private static async Task AssertRejected(string paramName, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(call);
        Assert.Equal(paramName, e.ParamName);
        Assert.Contains("r - 1", e.Message, StringComparison.Ordinal);
    }
}
