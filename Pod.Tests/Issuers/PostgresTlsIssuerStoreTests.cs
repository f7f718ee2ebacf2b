using Npgsql;
using Pod.Storage.PostgreSql;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Simulation;
using Pod.Issuers.Tls.Storage;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Issuers;

/// <summary>The store contract against a real PostgreSQL server (POD_TEST_POSTGRES), in a schema of its own per test.</summary>
public sealed class PostgresTlsIssuerStoreTests : TlsIssuerStoreContractTests
{
    private static readonly DateTimeOffset T0 = IssuerHarness.Start;

    private readonly string _schema = PostgresTestServer.NewSchemaName();
    private string _connectionString = null!;

    protected override bool SurvivesRestart => true;

    // Each store has its own data source: disposing one closes its connections, so a new store starts cold.
    protected override ITlsIssuerStore CreateStore() => new PostgresTlsIssuerStore(_connectionString, _schema);

    public override Task InitializeAsync()
    {
        _connectionString = PostgresTestServer.ConnectionString;
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await PostgresTestServer.DropSchemaAsync(_schema);
    }

    [Fact]
    public async Task EveryCall_ServerUnreachable_ThrowsNpgsqlException()
    {
        var store = (PostgresTlsIssuerStore)Track(new PostgresTlsIssuerStore(PostgresTestServer.ClosedPortConnectionString(), _schema));
        byte[] hash = new byte[32];

        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await store.CreateSessionAsync(
            new IssuanceSession("s", IssuanceSessionState.Created, T0, T0.AddMinutes(10), T0, null), hash, default));
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await store.GetSessionAsync("s", T0, default));
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await store.FindUsableNonceAsync(hash, T0, default));
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await store.UpdateSessionStateAsync("s", IssuanceSessionState.Submitting, null, T0, default));
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await store.IsEvidenceKnownAsync(hash, default));
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await store.GetUidOwnerAsync(hash, default));
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await store.CommitIssuanceAsync(new IssuanceCommit(hash, hash, hash[..31], "alice", T0), default));
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await store.GetCountsAsync(default));
    }

    [Fact]
    public async Task Issue_ServerUnreachable_InternalErrorNoPodNoThrow()
    {
        // The nonce comes from a store that works; the issuer's store has lost its server.
        ITlsIssuerStore working = Open();
        using var h = new IssuerHarness(working);
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceRequest request = await h.RequestAsync(owner);
        using var issuer = new TlsPodIssuer(h.Options, Track(new PostgresTlsIssuerStore(PostgresTestServer.ClosedPortConnectionString(), _schema)),
            [new SimulatedEnclaveVerifier(h.Enclave.ExportRootPublicKey())], h.Time);

        TlsIssuanceResult result = await issuer.IssueAsync(request);

        Assert.Equal(TlsIssuanceError.InternalError, result.Error);
        Assert.Null(result.Pod);
        Assert.Equal(new TlsIssuerStoreCounts(1, 0, 0, 0), await working.GetCountsAsync(default));
    }

    [Fact]
    public async Task TwoMachines_64ConcurrentCommitsOfOneNonceOnAFreshSchema_ExactlyOneCommits()
    {
        // Two stores are two issuer machines: two pools, both creating the schema at their first call.
        ITlsIssuerStore first = Open();
        ITlsIssuerStore second = Open();
        (_, byte[] nonce) = await NewSessionAsync(first);
        int turn = 0;

        IssuanceCommitOutcome[] results = await Race(() =>
        {
            int i = Interlocked.Increment(ref turn);
            byte[] unique = System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i));
            return (i % 2 == 0 ? first : second).CommitIssuanceAsync(new IssuanceCommit(nonce, unique, unique[..31], $"owner{i}", T0), default).AsTask();
        });

        Assert.Single(results, r => r == IssuanceCommitOutcome.Committed);
        Assert.Equal(new TlsIssuerStoreCounts(1, 1, 1, 1), await second.GetCountsAsync(default));
    }

    [Fact]
    public async Task FirstCall_SessionWithoutDurableCommits_IsRefusedAndRecordsNothing()
    {
        string notDurable = new NpgsqlConnectionStringBuilder(_connectionString) { Options = "-c synchronous_commit=off" }.ConnectionString;
        using (var store = new PostgresTlsIssuerStore(notDurable, _schema))
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.GetCountsAsync(default));
            Assert.Contains("synchronous_commit=off", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(new TlsIssuerStoreCounts(0, 0, 0, 0), await Open().GetCountsAsync(default));
    }

    [Fact]
    public async Task Schema_HoldsTheDocumentedTablesInTheGivenSchema()
    {
        var store = (PostgresTlsIssuerStore)Open();
        await store.GetCountsAsync(default);

        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(_connectionString);
        await using NpgsqlCommand command = dataSource.CreateCommand(
            "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _schema });
        Assert.Equal("schema_version,tls_evidence,tls_sessions,tls_uid_bindings", await command.ExecuteScalarAsync());
        Assert.Equal(_schema, store.Schema);
        Assert.DoesNotContain("Password", store.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FirstCall_SchemaMadeBeforeVersioning_MigratesForwardKeepingItsRows()
    {
        string s = $"\"{_schema}\"";
        await ExecuteAsync($"""
            CREATE SCHEMA {s};
            CREATE TABLE {s}.tls_sessions (id text PRIMARY KEY, nonce_hash bytea NOT NULL UNIQUE CHECK (octet_length(nonce_hash) = 32),
                nonce_used boolean NOT NULL DEFAULT false, state integer NOT NULL, created_at bigint NOT NULL, expires_at bigint NOT NULL,
                updated_at bigint NOT NULL, last_error integer);
            CREATE TABLE {s}.tls_evidence (digest bytea PRIMARY KEY, recorded_at bigint NOT NULL);
            CREATE TABLE {s}.tls_uid_bindings (uid bytea PRIMARY KEY, owner text NOT NULL, bound_at bigint NOT NULL);
            INSERT INTO {s}.tls_sessions VALUES ('old', '\x{new string('0', 64)}', true, 6, 0, 1, 0, NULL);
            INSERT INTO {s}.tls_evidence VALUES ('\x00', 0);
            """);

        // Two machines upgrading together apply each script once.
        ITlsIssuerStore first = Open(), second = Open();
        await Task.WhenAll(first.CheckHealthAsync(default).AsTask(), second.CheckHealthAsync(default).AsTask());

        Assert.Equal(new TlsIssuerStoreCounts(1, 1, 1, 0), await first.GetCountsAsync(default));
        Assert.Null(await first.GetIssuedPodAsync("old", default));
        Assert.Null(await first.FindIssuanceByEvidenceAsync([0], default));
        Assert.Equal(1, await first.PurgeSessionsAsync(T0, default));
        Assert.Equal("1,2", await ScalarAsync($"SELECT string_agg(version::text, ',' ORDER BY version) FROM {s}.schema_version"));
    }

    [Fact]
    public async Task FirstCall_SchemaNewerThanThisPod_Throws()
    {
        await Open().CheckHealthAsync(default);
        await ExecuteAsync($"INSERT INTO \"{_schema}\".schema_version (version) VALUES (99)");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await Open().CheckHealthAsync(default));
        Assert.Contains("99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposed_EveryCallThrowsObjectDisposed()
    {
        var store = (PostgresTlsIssuerStore)Open();
        store.Dispose();
        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.GetCountsAsync(default));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.CommitIssuanceAsync(
            new IssuanceCommit(new byte[32], new byte[32], new byte[31], "alice", T0), default));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(_connectionString);
        await using NpgsqlCommand command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(_connectionString);
        await using NpgsqlCommand command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }
}
