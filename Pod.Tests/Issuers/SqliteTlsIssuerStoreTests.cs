using Microsoft.Data.Sqlite;
using Pod.Storage.Sqlite;
using Pod.Issuers.Tls.Storage;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Issuers;

public sealed class SqliteTlsIssuerStoreTests : TlsIssuerStoreContractTests
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pod-tls-store-");

    private string DatabasePath => Path.Combine(_directory.FullName, "issuer.db");

    protected override bool SurvivesRestart => true;

    protected override ITlsIssuerStore CreateStore()
    {
        var store = new SqliteTlsIssuerStore($"Data Source={DatabasePath}");
        store.InitializeAsync().GetAwaiter().GetResult();
        return store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Writes_WhileAnotherWriterHoldsTheLock_ThrowAndWriteNothing()
    {
        ITlsIssuerStore store = Open();
        (_, byte[] nonce) = await NewSessionAsync(store);
        ITlsIssuerStore failing = Track(new SqliteTlsIssuerStore($"Data Source={DatabasePath};Default Timeout=1"));
        using (var holder = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            holder.Open();
            using SqliteCommand begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();

            IssuanceCommit commit = new(nonce, new byte[32], new byte[31], "alice", IssuerHarness.Start);
            Assert.Equal(5, (await Assert.ThrowsAsync<SqliteException>(async () => await failing.CommitIssuanceAsync(commit, default))).SqliteErrorCode);
            await Assert.ThrowsAsync<SqliteException>(async () => await failing.CreateSessionAsync(
                new IssuanceSession("s", IssuanceSessionState.Created, IssuerHarness.Start, IssuerHarness.Start.AddMinutes(1), IssuerHarness.Start, null),
                new byte[32], default));
        }

        Assert.Equal(new TlsIssuerStoreCounts(1, 0, 0, 0), await store.GetCountsAsync(default));
    }

    [Fact]
    public async Task Calls_AfterTheDatabaseWasDeleted_FailInsteadOfStartingEmpty()
    {
        ITlsIssuerStore store = Open();
        (_, byte[] nonce) = await NewSessionAsync(store);
        SqliteConnection.ClearAllPools();
        foreach (string file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }

        IssuanceCommit commit = new(nonce, new byte[32], new byte[31], "alice", IssuerHarness.Start);
        await Assert.ThrowsAsync<DatabaseFileReplacedException>(async () => await store.CommitIssuanceAsync(commit, default));
        await Assert.ThrowsAsync<DatabaseFileReplacedException>(async () => await store.CheckHealthAsync(default));
        Assert.False(File.Exists(DatabasePath));
    }

    [Theory]
    [InlineData(FileReplacement.Kind.Deleted)]
    [InlineData(FileReplacement.Kind.Replaced)]
    public async Task FileChangedUnderLoadWithAWarmPool_NoWriteStartedAfterwardsIsAcknowledged(FileReplacement.Kind kind)
    {
        ITlsIssuerStore store = Open();
        FileReplacement.Outcome outcome = await FileReplacement.RunAsync(
            DatabasePath,
            kind,
            async path =>
            {
                using var other = new SqliteTlsIssuerStore($"Data Source={path}");
                await other.InitializeAsync();
            },
            async n =>
            {
                string id = $"s{n}";
                byte[] nonce = System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n));
                await store.CreateSessionAsync(
                    new IssuanceSession(id, IssuanceSessionState.Created, IssuerHarness.Start, IssuerHarness.Start.AddMinutes(10), IssuerHarness.Start, null),
                    nonce, default);
                IssuanceCommitOutcome outcome = await store.CommitIssuanceAsync(
                    new IssuanceCommit(nonce, nonce, nonce[..31], "alice", IssuerHarness.Start), default);
                Assert.Equal(IssuanceCommitOutcome.Committed, outcome);
            });

        Assert.Empty(outcome.Other);
        Assert.True(outcome.AcknowledgedBefore > 0);
        Assert.Equal(0, outcome.AcknowledgedAfter);
        Assert.True(outcome.Refused > 0);
        await Assert.ThrowsAsync<DatabaseFileReplacedException>(async () => await store.GetUidOwnerAsync(new byte[31], default));
    }

    [Fact]
    public async Task Open_ADatabaseMadeBeforeVersioning_MigratesForwardKeepingItsRows()
    {
        // The schema as the first Pod made it, with an issuance in it.
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE tls_sessions (
                  id TEXT PRIMARY KEY, nonce_hash BLOB NOT NULL UNIQUE, nonce_used INTEGER NOT NULL DEFAULT 0,
                  state INTEGER NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, last_error INTEGER);
                CREATE TABLE tls_evidence (digest BLOB PRIMARY KEY, recorded_at INTEGER NOT NULL);
                CREATE TABLE tls_uid_bindings (uid BLOB PRIMARY KEY, owner TEXT NOT NULL, bound_at INTEGER NOT NULL);
                INSERT INTO tls_sessions VALUES ('old', zeroblob(32), 1, 6, 0, 1, 0, NULL);
                INSERT INTO tls_evidence VALUES (zeroblob(32), 0);
                INSERT INTO tls_uid_bindings VALUES (zeroblob(31), 'alice', 0);
                """;
            command.ExecuteNonQuery();
        }

        ITlsIssuerStore store = Open();

        Assert.Equal(new TlsIssuerStoreCounts(1, 1, 1, 1), await store.GetCountsAsync(default));
        Assert.Null(await store.GetIssuedPodAsync("old", default));
        Assert.Null(await store.FindIssuanceByEvidenceAsync(new byte[32], default));
        Assert.True(await store.IsEvidenceKnownAsync(new byte[32], default));
        Assert.Equal(1, await store.PurgeSessionsAsync(IssuerHarness.Start, default));
        using var check = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        check.Open();
        using SqliteCommand versions = check.CreateCommand();
        versions.CommandText = "SELECT group_concat(version) FROM (SELECT version FROM schema_version ORDER BY version)";
        Assert.Equal("1,2", versions.ExecuteScalar());
    }

    [Fact]
    public async Task Open_SchemaNewerThanThisPod_Throws()
    {
        (Open() as IDisposable)!.Dispose();
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (99, 0)";
            command.ExecuteNonQuery();
        }

        using var store = new SqliteTlsIssuerStore($"Data Source={DatabasePath}");
        Assert.Contains("99", (await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_TouchesNothing_CancelledCallDoesNothing_FirstCallCreatesTheFile()
    {
        using var store = new SqliteTlsIssuerStore($"Data Source={DatabasePath}");
        Assert.False(File.Exists(DatabasePath));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.GetUidOwnerAsync(new byte[31], cancelled.Token));
        Assert.False(File.Exists(DatabasePath));

        Assert.Null(await store.GetUidOwnerAsync(new byte[31], default));
        Assert.True(File.Exists(DatabasePath));
    }

    [Fact]
    public void Database_IsInWalMode()
    {
        Open();
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar() as string);
    }
}
