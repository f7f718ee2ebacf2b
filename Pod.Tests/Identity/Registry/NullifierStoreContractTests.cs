using System.Numerics;
using Pod.Cryptography.Fields;
using Pod.Identity.Registry;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Identity.Registry;

/// <summary>
/// The <see cref="INullifierStore"/> contract, run against every store by a derived class. xunit makes a
/// new instance per test, and each instance gets fresh, empty backing data (a new file, a new schema).
/// </summary>
/// <typeparam name="TFailure">The exception the store throws when its backing fails.</typeparam>
public abstract class NullifierStoreContractTests<TFailure> : IAsyncLifetime
    where TFailure : Exception
{
    private const int Racers = Racing.Racers;

    private static readonly Fr Airdrop = Fr.FromUInt64(1001);
    private static readonly Fr OtherAirdrop = Fr.FromUInt64(1002);
    private static readonly Fr Election = Fr.FromUInt64(2001);
    private static readonly Fr OtherElection = Fr.FromUInt64(2002);
    private static readonly Fr Alice = Fr.Parse("0x1c5f8a2b3d4e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8");
    private static readonly Fr Bob = Fr.Parse("0x0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
    private static readonly Fr Carol = Fr.FromUInt64(3);
    private static readonly Fr Yes = Fr.FromUInt64(1);
    private static readonly Fr No = Fr.FromUInt64(0);

    private readonly List<INullifierStore> _stores = [];

    /// <summary>True when what a store recorded is there for a new store over the same data.</summary>
    protected abstract bool SurvivesRestart { get; }

    /// <summary>Creates a new store object over this test's data (the same data at every call).</summary>
    protected abstract INullifierStore CreateStore();

    /// <summary>Creates a store whose backing fails every write with <typeparamref name="TFailure"/>.</summary>
    protected abstract INullifierStore CreateFailingStore();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        foreach (INullifierStore store in _stores)
        {
            store.Dispose();
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Register_FirstThenRepeats_FirstUseThenAlreadyRegistered()
    {
        INullifierStore store = Open();

        Assert.Equal(RegistrationResult.FirstUse, await store.RegisterAsync(Airdrop, Alice));
        Assert.Equal(RegistrationResult.AlreadyRegistered, await store.RegisterAsync(Airdrop, Alice));
        Assert.Equal(RegistrationResult.AlreadyRegistered, await store.RegisterAsync(Airdrop, Alice));
        Assert.Equal(RegistrationResult.FirstUse, await store.RegisterAsync(Airdrop, Bob));
    }

    [Fact]
    public async Task IsRegistered_OnlyAfterRegistration_InThatScope_AndReadsOnly()
    {
        INullifierStore store = Open();

        Assert.False(await store.IsRegisteredAsync(Airdrop, Alice));
        Assert.False(await store.IsRegisteredAsync(Airdrop, Alice));
        Assert.Equal(RegistrationResult.FirstUse, await store.RegisterAsync(Airdrop, Alice));
        Assert.True(await store.IsRegisteredAsync(Airdrop, Alice));
        Assert.False(await store.IsRegisteredAsync(Airdrop, Bob));
        Assert.Equal(RegistrationResult.FirstUse, await store.RegisterAsync(Airdrop, Bob));
    }

    [Fact]
    public async Task Register_SameNullifierInAnotherScope_IsFirstUseThere()
    {
        INullifierStore store = Open();
        await store.RegisterAsync(Airdrop, Alice);

        Assert.Equal(RegistrationResult.FirstUse, await store.RegisterAsync(OtherAirdrop, Alice));
        Assert.Equal(RegistrationResult.AlreadyRegistered, await store.RegisterAsync(Airdrop, Alice));
        Assert.Equal(RegistrationResult.AlreadyRegistered, await store.RegisterAsync(OtherAirdrop, Alice));
    }

    [Fact]
    public async Task CastVote_SameNullifierInAnotherScope_IsRecordedAndTalliedApart()
    {
        INullifierStore store = Open();

        Assert.Equal(VoteResult.Recorded, await store.CastVoteAsync(Election, Alice, Yes));
        Assert.Equal(VoteResult.Recorded, await store.CastVoteAsync(OtherElection, Alice, No));

        VoteTally election = await store.TallyAsync(Election);
        VoteTally other = await store.TallyAsync(OtherElection);
        Assert.Equal(Election, election.Scope);
        Assert.Equal(new Dictionary<Fr, long> { [Yes] = 1 }, election.Counts);
        Assert.Equal(new Dictionary<Fr, long> { [No] = 1 }, other.Counts);
    }

    [Fact]
    public async Task RegisterAndCastVote_InOneScope_DoNotSeeEachOther()
    {
        INullifierStore store = Open();

        Assert.Equal(RegistrationResult.FirstUse, await store.RegisterAsync(Election, Alice));
        Assert.Equal(0, (await store.TallyAsync(Election)).TotalVotes);
        Assert.Equal(VoteResult.Recorded, await store.CastVoteAsync(Election, Bob, Yes));
        Assert.Equal(RegistrationResult.FirstUse, await store.RegisterAsync(Election, Bob));
    }

    [Fact]
    public async Task CastVote_Again_ReplacesEarlierChoiceAndCountsOnce()
    {
        INullifierStore store = Open();

        Assert.Equal(VoteResult.Recorded, await store.CastVoteAsync(Election, Alice, Yes));
        Assert.Equal(VoteResult.Recorded, await store.CastVoteAsync(Election, Bob, Yes));
        Assert.Equal(VoteResult.Replaced, await store.CastVoteAsync(Election, Alice, No));
        Assert.Equal(VoteResult.Recorded, await store.CastVoteAsync(Election, Carol, No));

        VoteTally tally = await store.TallyAsync(Election);
        Assert.Equal(new Dictionary<Fr, long> { [Yes] = 1, [No] = 2 }, tally.Counts);
        Assert.Equal(3, tally.TotalVotes);
    }

    [Fact]
    public async Task CastVote_SameChoiceAgain_IsReplacedAndCountsOnce()
    {
        INullifierStore store = Open();

        Assert.Equal(VoteResult.Recorded, await store.CastVoteAsync(Election, Alice, Yes));
        Assert.Equal(VoteResult.Replaced, await store.CastVoteAsync(Election, Alice, Yes));
        Assert.Equal(VoteResult.Replaced, await store.CastVoteAsync(Election, Alice, Yes));

        Assert.Equal(new Dictionary<Fr, long> { [Yes] = 1 }, (await store.TallyAsync(Election)).Counts);
    }

    [Fact]
    public async Task Tally_ScopeWithoutVotes_IsEmpty()
    {
        VoteTally tally = await Open().TallyAsync(Election);

        Assert.Empty(tally.Counts);
        Assert.Equal(0, tally.TotalVotes);
        Assert.Equal(0, tally.CountOf(Yes));
    }

    [Fact]
    public async Task EdgeFieldElements_AreKeptExactlyAndApart()
    {
        // Values a lossy encoding (a double, a 64-bit integer, a truncated string) would merge or change.
        Fr[] edges =
        [
            Fr.Zero, Fr.One, Fr.FromUInt64(ulong.MaxValue), Fr.FromBigInteger(BigInteger.One << 64),
            Fr.FromBigInteger(BigInteger.One << 128), Fr.FromBigInteger(BigInteger.One << 253),
            Fr.FromBigInteger(Fr.Modulus - 2), Fr.FromBigInteger(Fr.Modulus - 1),
        ];
        INullifierStore store = Open();

        foreach (Fr scope in edges)
        {
            foreach (Fr nullifier in edges)
            {
                Assert.Equal(RegistrationResult.FirstUse, await store.RegisterAsync(scope, nullifier));
            }
        }

        for (int i = 0; i < edges.Length; i++)
        {
            // Voter i chooses edges[i]; the last voter chooses like the first.
            await store.CastVoteAsync(edges[^1], edges[i], edges[i % (edges.Length - 1)]);
        }

        VoteTally tally = await store.TallyAsync(edges[^1]);
        Assert.Equal(edges.Length - 1, tally.Counts.Count);
        Assert.Equal(2, tally.CountOf(edges[0]));
        Assert.All(edges[1..^1], choice => Assert.Equal(1, tally.CountOf(choice)));
        Assert.Equal(RegistrationResult.AlreadyRegistered, await store.RegisterAsync(edges[^1], edges[^2]));
    }

    [Fact]
    public async Task Register_64ConcurrentAttempts_ExactlyOneFirstUse()
    {
        INullifierStore store = Open();

        RegistrationResult[] results = await Race(() => store.RegisterAsync(Airdrop, Alice));

        Assert.Single(results, r => r == RegistrationResult.FirstUse);
        Assert.Equal(Racers - 1, results.Count(r => r == RegistrationResult.AlreadyRegistered));
        Assert.Equal(RegistrationResult.AlreadyRegistered, await store.RegisterAsync(Airdrop, Alice));
    }

    [Fact]
    public async Task CastVote_64ConcurrentVotesOfOneNullifier_OneRecordedAndCountedOnce()
    {
        INullifierStore store = Open();
        int next = 0;

        VoteResult[] results = await Race(() => store.CastVoteAsync(Election, Alice, Fr.FromUInt64((ulong)Interlocked.Increment(ref next) % 2)));

        Assert.Single(results, r => r == VoteResult.Recorded);
        Assert.Equal(Racers - 1, results.Count(r => r == VoteResult.Replaced));
        Assert.Equal(1, (await store.TallyAsync(Election)).TotalVotes);
    }

    [Fact]
    public async Task Restart_DurableStoresKeepRecordsAndMemoryStoresForget()
    {
        INullifierStore before = Open();
        Assert.Equal(RegistrationResult.FirstUse, await before.RegisterAsync(Airdrop, Alice));
        Assert.Equal(VoteResult.Recorded, await before.CastVoteAsync(Election, Alice, Yes));
        before.Dispose();

        INullifierStore after = Open();

        if (SurvivesRestart)
        {
            Assert.Equal(RegistrationResult.AlreadyRegistered, await after.RegisterAsync(Airdrop, Alice));
            Assert.Equal(VoteResult.Replaced, await after.CastVoteAsync(Election, Alice, No));
            Assert.Equal(new Dictionary<Fr, long> { [No] = 1 }, (await after.TallyAsync(Election)).Counts);
        }
        else
        {
            // What a memory store promises: nothing outlives it.
            Assert.Equal(RegistrationResult.FirstUse, await after.RegisterAsync(Airdrop, Alice));
            Assert.Empty((await after.TallyAsync(Election)).Counts);
        }
    }

    [Fact]
    public async Task Register_StoreFails_ThrowsRatherThanAnswering()
    {
        INullifierStore store = Track(CreateFailingStore());

        await Assert.ThrowsAnyAsync<TFailure>(() => store.RegisterAsync(Airdrop, Alice));
    }

    [Fact]
    public async Task CastVote_StoreFails_ThrowsRatherThanAnswering()
    {
        INullifierStore store = Track(CreateFailingStore());

        await Assert.ThrowsAnyAsync<TFailure>(() => store.CastVoteAsync(Election, Alice, Yes));
    }

    [Fact]
    public async Task Disposed_EveryCallThrowsObjectDisposed()
    {
        INullifierStore store = Open();
        store.Dispose();
        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.RegisterAsync(Airdrop, Alice));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CastVoteAsync(Election, Alice, Yes));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.TallyAsync(Election));
    }

    /// <summary>Opens a store that is disposed at the end of the test.</summary>
    protected INullifierStore Open() => Track(CreateStore());

    /// <summary>Runs the call <see cref="Racing.Racers"/> times at once (see <see cref="Racing.Race"/>).</summary>
    protected static Task<T[]> Race<T>(Func<Task<T>> call) => Racing.Race(call);

    private INullifierStore Track(INullifierStore store)
    {
        _stores.Add(store);
        return store;
    }
}
