using BenchmarkDotNet.Attributes;
using Npgsql;
using Pod.Cryptography.Fields;
using Pod.Identity.Registry;
using Pod.Storage.PostgreSql;
using Pod.Storage.Sqlite;

namespace Pod.Benchmarks;

/// <summary>
/// Nullifier registrations through the durable stores, by 1 and by 16 concurrent writers, each
/// registration a new nullifier (so each is a committed insert). One invocation is 64 registrations:
/// registrations per second = 1e9 / the mean in ns. SQLite writes a file in the temporary folder;
/// PostgreSQL needs POD_TEST_POSTGRES (as .ci/run sets it) and works in a schema of its own.
/// </summary>
[MemoryDiagnoser]
public class RegistryBenchmarks
{
    private const int RegistrationsPerInvoke = 64;

    private static readonly Fr Scope = Fr.FromUInt64(1);

    private INullifierStore _store = null!;
    private DirectoryInfo? _directory;
    private string? _postgresConnectionString;
    private string? _schema;
    private long _next;

    /// <summary>The stores compared.</summary>
    public enum StoreKind
    {
        /// <summary><see cref="SqliteNullifierStore"/>.</summary>
        Sqlite,

        /// <summary><see cref="PostgresNullifierStore"/>.</summary>
        Postgres,
    }

    [Params(StoreKind.Sqlite, StoreKind.Postgres)]
    public StoreKind Store { get; set; }

    [Params(1, 16)]
    public int Writers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Store == StoreKind.Sqlite)
        {
            _directory = Directory.CreateTempSubdirectory("pod-registry-bench-");
            _store = new SqliteNullifierStore(Path.Combine(_directory.FullName, "nullifiers.db"));
        }
        else
        {
            _postgresConnectionString = Environment.GetEnvironmentVariable("POD_TEST_POSTGRES")
                ?? throw new InvalidOperationException("Set POD_TEST_POSTGRES to an Npgsql connection string (as .ci/run does) to benchmark the PostgreSQL store.");
            _schema = "pod_bench_" + Guid.NewGuid().ToString("N");
            _store = new PostgresNullifierStore(_postgresConnectionString, _schema);
        }

        // The first call creates the schema; keep that out of the measurements.
        _store.RegisterAsync(Scope, Fr.Zero).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _directory?.Delete(recursive: true);
        if (_schema is not null)
        {
            using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(_postgresConnectionString!);
            using NpgsqlCommand command = dataSource.CreateCommand($"DROP SCHEMA \"{_schema}\" CASCADE");
            command.ExecuteNonQuery();
        }
    }

    [Benchmark(OperationsPerInvoke = RegistrationsPerInvoke)]
    public Task Register()
    {
        var writers = new Task[Writers];
        for (int i = 0; i < writers.Length; i++)
        {
            writers[i] = Task.Run(WriteAsync);
        }

        return Task.WhenAll(writers);
    }

    private async Task WriteAsync()
    {
        for (int i = 0; i < RegistrationsPerInvoke / Writers; i++)
        {
            Fr nullifier = Fr.FromUInt64((ulong)Interlocked.Increment(ref _next));
            if (await _store.RegisterAsync(Scope, nullifier).ConfigureAwait(false) != RegistrationResult.FirstUse)
            {
                throw new InvalidOperationException($"The new nullifier {nullifier} was reported as registered before.");
            }
        }
    }
}
