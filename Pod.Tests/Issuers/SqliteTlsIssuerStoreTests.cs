using Microsoft.Data.Sqlite;
using Pod.Issuers.Tls.Storage;
using Xunit;

namespace Pod.Tests.Issuers;

public sealed class SqliteTlsIssuerStoreTests : TlsIssuerStoreContractTests
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pod-tls-store-");

    private string DatabasePath => Path.Combine(_directory.FullName, "issuer.db");

    protected override bool SurvivesRestart => true;

    protected override ITlsIssuerStore CreateStore() => new SqliteTlsIssuerStore($"Data Source={DatabasePath}");

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
        var failing = new SqliteTlsIssuerStore($"Data Source={DatabasePath};Default Timeout=1");
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
        await Assert.ThrowsAsync<SqliteException>(async () => await store.CommitIssuanceAsync(commit, default));
        Assert.False(File.Exists(DatabasePath));
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
