using Npgsql;
using Pod.Storage.PostgreSql;
using Pod.Cryptography.Fields;
using Pod.Identity.Registry;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Identity.Registry;

/// <summary>The store contract against a real PostgreSQL server (POD_TEST_POSTGRES), in a schema of its own per test.</summary>
public sealed class PostgresNullifierStoreTests : NullifierStoreContractTests<NpgsqlException>
{
    private static readonly Fr Scope = Fr.FromUInt64(7);
    private static readonly Fr Nullifier = Fr.FromUInt64(8);

    private readonly string _schema = PostgresTestServer.NewSchemaName();
    private string _connectionString = null!;

    protected override bool SurvivesRestart => true;

    // Each store has its own data source: disposing one closes its connections, so a new store starts cold.
    protected override INullifierStore CreateStore() => new PostgresNullifierStore(_connectionString, _schema);

    protected override INullifierStore CreateFailingStore() =>
        new PostgresNullifierStore(PostgresTestServer.ClosedPortConnectionString(), _schema);

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
    public async Task TwoMachines_64ConcurrentAttemptsOnAFreshSchema_ExactlyOneFirstUse()
    {
        // Two stores are two verifier machines: two pools, both creating the schema at their first call.
        INullifierStore first = Open();
        INullifierStore second = Open();
        int turn = 0;

        RegistrationResult[] results = await Race(() =>
            (Interlocked.Increment(ref turn) % 2 == 0 ? first : second).RegisterAsync(Scope, Nullifier));

        Assert.Single(results, r => r == RegistrationResult.FirstUse);
        Assert.Equal(RegistrationResult.AlreadyRegistered, await first.RegisterAsync(Scope, Nullifier));
        Assert.Equal(RegistrationResult.AlreadyRegistered, await second.RegisterAsync(Scope, Nullifier));
    }

    [Fact]
    public async Task Register_SessionWithoutDurableCommits_IsRefusedAndRecordsNothing()
    {
        string notDurable = new NpgsqlConnectionStringBuilder(_connectionString) { Options = "-c synchronous_commit=off" }.ConnectionString;
        using (var store = new PostgresNullifierStore(notDurable, _schema))
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => store.RegisterAsync(Scope, Nullifier));
            Assert.Contains("synchronous_commit=off", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(RegistrationResult.FirstUse, await Open().RegisterAsync(Scope, Nullifier));
    }

    [Fact]
    public async Task FirstCall_SchemaMadeBeforeVersioning_IsAdoptedKeepingItsRows()
    {
        string s = $"\"{_schema}\"";
        await using (NpgsqlDataSource dataSource = NpgsqlDataSource.Create(_connectionString))
        await using (NpgsqlCommand command = dataSource.CreateCommand($"""
            CREATE SCHEMA {s};
            CREATE TABLE {s}.registrations (scope bytea NOT NULL, nullifier bytea NOT NULL, PRIMARY KEY (scope, nullifier));
            CREATE TABLE {s}.votes (scope bytea NOT NULL, nullifier bytea NOT NULL, choice bytea NOT NULL, revision bigint NOT NULL,
                PRIMARY KEY (scope, nullifier));
            INSERT INTO {s}.registrations VALUES ('\x{Convert.ToHexString(Scope.ToBytes(Pod.Cryptography.ByteOrder.BigEndian))}',
                '\x{Convert.ToHexString(Nullifier.ToBytes(Pod.Cryptography.ByteOrder.BigEndian))}');
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(RegistrationResult.AlreadyRegistered, await Open().RegisterAsync(Scope, Nullifier));

        await using NpgsqlDataSource check = NpgsqlDataSource.Create(_connectionString);
        await using NpgsqlCommand versions = check.CreateCommand($"SELECT max(version) FROM {s}.schema_version");
        Assert.Equal(1, await versions.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Tally_ServerUnreachable_Throws()
    {
        using var store = new PostgresNullifierStore(PostgresTestServer.ClosedPortConnectionString(), _schema);

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => store.TallyAsync(Scope));
    }
}
