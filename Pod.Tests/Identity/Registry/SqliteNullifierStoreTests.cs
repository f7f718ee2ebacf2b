using Microsoft.Data.Sqlite;
using Pod.Storage.Sqlite;
using Pod.Cryptography.Fields;
using Pod.Identity.Registry;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Identity.Registry;

public sealed class SqliteNullifierStoreTests : NullifierStoreContractTests<SqliteException>
{
    private static readonly Fr Scope = Fr.FromUInt64(7);
    private static readonly Fr Nullifier = Fr.FromUInt64(8);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pod-registry-");
    private SqliteConnection? _lockHolder;

    private string DatabasePath => Path.Combine(_directory.FullName, "nullifiers.db");

    protected override bool SurvivesRestart => true;

    protected override INullifierStore CreateStore() => Initialized(new SqliteNullifierStore(DatabasePath));

    // Another writer holds the file's write lock for the rest of the test: writes wait 1 s, then fail.
    protected override INullifierStore CreateFailingStore()
    {
        var store = Initialized(new SqliteNullifierStore(DatabasePath, TimeSpan.FromSeconds(1)));
        _lockHolder = HoldWriteLock(DatabasePath);
        return store;
    }

    public override async Task DisposeAsync()
    {
        _lockHolder?.Dispose();
        await base.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public void Open_PutsTheFileInWalMode()
    {
        Open();

        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task Register_WhileAnotherWriterHoldsTheLock_ThrowsAndRecordsNothing()
    {
        INullifierStore store = CreateFailingStore();
        try
        {
            SqliteException e = await Assert.ThrowsAsync<SqliteException>(() => store.RegisterAsync(Scope, Nullifier));
            Assert.Equal(5, e.SqliteErrorCode); // SQLITE_BUSY
        }
        finally
        {
            _lockHolder!.Dispose();
            store.Dispose();
        }

        Assert.Equal(RegistrationResult.FirstUse, await Open().RegisterAsync(Scope, Nullifier));
    }

    [Fact]
    public async Task TwoStoresOnOneFile_64ConcurrentAttempts_ExactlyOneFirstUse()
    {
        // Two store objects have two connection pools, as two verifier processes on one machine would.
        INullifierStore first = Open();
        INullifierStore second = Open();
        int turn = 0;

        RegistrationResult[] results = await Race(() =>
            (Interlocked.Increment(ref turn) % 2 == 0 ? first : second).RegisterAsync(Scope, Nullifier));

        Assert.Single(results, r => r == RegistrationResult.FirstUse);
    }

    [Fact]
    public async Task Open_FileIsNoDatabase_Throws()
    {
        File.WriteAllText(DatabasePath, new string('x', 4096));
        using var store = new SqliteNullifierStore(DatabasePath);

        SqliteException e = await Assert.ThrowsAsync<SqliteException>(() => store.InitializeAsync());
        Assert.Equal(26, e.SqliteErrorCode); // SQLITE_NOTADB
    }

    [Fact]
    public async Task Constructor_TouchesNothing_FirstCallCreatesTheFile_CancelledCallDoesNothing()
    {
        using var store = new SqliteNullifierStore(DatabasePath);
        Assert.False(File.Exists(DatabasePath));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.RegisterAsync(Scope, Nullifier, cancelled.Token));
        Assert.False(File.Exists(DatabasePath));

        Assert.Equal(RegistrationResult.FirstUse, await store.RegisterAsync(Scope, Nullifier));
        Assert.True(File.Exists(DatabasePath));
        await store.CheckHealthAsync();
    }

    [Fact]
    public async Task Register_FileDeletedUnderTheStore_ThrowsRatherThanStartingAnEmptyRegistry()
    {
        INullifierStore store = Open();
        File.Delete(DatabasePath);

        var e = await Assert.ThrowsAsync<DatabaseFileReplacedException>(() => store.RegisterAsync(Scope, Nullifier));
        Assert.Equal(DatabasePath, e.Path);
        Assert.False(e.AfterCommit);
        Assert.False(File.Exists(DatabasePath));
    }

    [Theory]
    [InlineData(FileReplacement.Kind.Deleted)]
    [InlineData(FileReplacement.Kind.Replaced)]
    public async Task FileChangedUnderLoadWithAWarmPool_NoWriteStartedAfterwardsIsAcknowledged(FileReplacement.Kind kind)
    {
        INullifierStore store = Open();
        FileReplacement.Outcome outcome = await FileReplacement.RunAsync(
            DatabasePath,
            kind,
            async path =>
            {
                using var other = new SqliteNullifierStore(path);
                await other.InitializeAsync();
            },
            n => store.RegisterAsync(Scope, Fr.FromUInt64((ulong)n)));

        Assert.Empty(outcome.Other);
        Assert.True(outcome.AcknowledgedBefore > 0);
        Assert.Equal(0, outcome.AcknowledgedAfter);
        Assert.True(outcome.Refused > 0);

        // Failing closed is for good: reads and writes of any kind refuse, even a vote.
        await Assert.ThrowsAsync<DatabaseFileReplacedException>(() => store.CastVoteAsync(Scope, Nullifier, Fr.One));
        await Assert.ThrowsAsync<DatabaseFileReplacedException>(() => store.TallyAsync(Scope));
    }

    [Fact]
    public void Open_RecordsTheSchemaVersion_AndAFileMadeBeforeVersioningIsAdopted()
    {
        // A file as an earlier Pod made it: the tables, no schema_version.
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE registrations (scope BLOB NOT NULL CHECK (length(scope) = 32), nullifier BLOB NOT NULL CHECK (length(nullifier) = 32),
                    PRIMARY KEY (scope, nullifier)) WITHOUT ROWID;
                INSERT INTO registrations VALUES (zeroblob(32), zeroblob(32));
                """;
            command.ExecuteNonQuery();
        }

        Open().Dispose();

        Assert.Equal(1L, QueryScalar("SELECT max(version) FROM schema_version"));
        Assert.Equal(1L, QueryScalar("SELECT count(*) FROM registrations"));
        Assert.Equal(0L, QueryScalar("SELECT count(*) FROM votes"));
    }

    [Fact]
    public async Task Open_SchemaNewerThanThisPod_Throws()
    {
        Open().Dispose();
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (1000, 0)";
            command.ExecuteNonQuery();
        }

        using var store = new SqliteNullifierStore(DatabasePath);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync());
        Assert.Contains("1000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => new SqliteNullifierStore(null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => new SqliteNullifierStore(" ")).ParamName);
        foreach (TimeSpan timeout in new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(1500), TimeSpan.FromHours(2) })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteNullifierStore(DatabasePath, timeout));
            Assert.Equal("busyTimeout", e.ParamName);
            Assert.Equal(timeout, e.ActualValue);
        }
    }

    private static SqliteNullifierStore Initialized(SqliteNullifierStore store)
    {
        store.InitializeAsync().GetAwaiter().GetResult();
        return store;
    }

    private object? QueryScalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static SqliteConnection HoldWriteLock(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        command.ExecuteNonQuery();
        return connection;
    }
}
