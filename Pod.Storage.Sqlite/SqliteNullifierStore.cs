using Microsoft.Data.Sqlite;
using Pod.Cryptography.Fields;
using Pod.Identity.Registry;

namespace Pod.Storage.Sqlite;

/// <summary>
/// A nullifier store in an SQLite file on this machine: the embedded default, for one verifier process
/// (or several on the same machine). For several verifier machines use Pod.Storage.PostgreSql's <c>PostgresNullifierStore</c>.
/// </summary>
/// <remarks>
/// <para>Each write is one SQL statement (an INSERT ... ON CONFLICT) in a <c>BEGIN IMMEDIATE</c> transaction,
/// so SQLite's write lock makes it atomic across threads and processes. Each call takes a pooled connection.</para>
/// <para>SQLite admits one writer at a time. So the writes of one store queue on an asynchronous gate first:
/// this is for throughput only, since atomicity comes from the transaction (two stores on one file are two
/// gates, and stay exact). Use one store per file in a process; several processes on one file are correct,
/// and wait for each other's lock up to the busy timeout.</para>
/// <para>The store holds its database file open and checks, inside every write transaction before the commit
/// and again after it, that the path still names that file (same device and inode, on Linux). A file deleted
/// or replaced under a running store (pooled connections would go on writing into the unlinked file, and every
/// registration since would be forgotten at restart, letting its nullifier claim twice) makes that call and
/// every later one throw <see cref="DatabaseFileReplacedException"/>: found before the commit, nothing was
/// written; found after it, the call is not acknowledged. Reads check too.</para>
/// <para>The file is in WAL journal mode with <c>synchronous=FULL</c>: every commit syncs the log to disk
/// before the call returns, so an answer survives a crash of the process and a loss of power. (WAL with
/// NORMAL would be consistent but could forget the last commits on power loss: a forgotten registration
/// would let its nullifier claim twice.)</para>
/// <para>The constructor touches nothing on disk: the first call (or <see cref="InitializeAsync"/>, the warm-up a
/// service calls at start) creates the file and its tables if missing and applies the forward migrations a newer
/// Pod brings. Microsoft.Data.Sqlite has no asynchronous I/O: once through the gate, a call runs its statements on
/// the calling thread; the token is honoured before each one. Calls that find the file locked by another process
/// retry until the busy timeout, then throw.</para>
/// <para>Schema (a <c>schema_version</c> table records the forward migrations applied, each once):</para>
/// <code>
/// registrations (scope BLOB(32), nullifier BLOB(32), PRIMARY KEY (scope, nullifier)) WITHOUT ROWID
/// votes (scope BLOB(32), nullifier BLOB(32), choice BLOB(32), revision INTEGER, PRIMARY KEY (scope, nullifier)) WITHOUT ROWID
/// </code>
/// </remarks>
public sealed class SqliteNullifierStore : INullifierStore
{
    /// <summary>How long a call waits for another writer's lock before it fails, unless told otherwise.</summary>
    public static TimeSpan DefaultBusyTimeout { get; } = TimeSpan.FromSeconds(30);

    // Forward migrations: script i takes the schema to version i + 1 (SqliteSchemaMigrations; never edit one that shipped).
    private static readonly string[] Migrations =
    [
        // 1: the tables.
        """
        CREATE TABLE IF NOT EXISTS registrations (
            scope BLOB NOT NULL CHECK (length(scope) = 32),
            nullifier BLOB NOT NULL CHECK (length(nullifier) = 32),
            PRIMARY KEY (scope, nullifier)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS votes (
            scope BLOB NOT NULL CHECK (length(scope) = 32),
            nullifier BLOB NOT NULL CHECK (length(nullifier) = 32),
            choice BLOB NOT NULL CHECK (length(choice) = 32),
            revision INTEGER NOT NULL,
            PRIMARY KEY (scope, nullifier)
        ) WITHOUT ROWID;
        """,
    ];

    private const string RegisterSql =
        "INSERT INTO registrations (scope, nullifier) VALUES ($scope, $nullifier) ON CONFLICT DO NOTHING";

    // revision counts the nullifier's votes in the scope: 1 means this statement inserted the row.
    private const string CastVoteSql = """
        INSERT INTO votes (scope, nullifier, choice, revision) VALUES ($scope, $nullifier, $choice, 1)
        ON CONFLICT (scope, nullifier) DO UPDATE SET choice = excluded.choice, revision = revision + 1
        RETURNING revision
        """;

    private const string IsRegisteredSql = "SELECT 1 FROM registrations WHERE scope = $scope AND nullifier = $nullifier";

    private const string TallySql = "SELECT choice, count(*) FROM votes WHERE scope = $scope GROUP BY choice";

    private readonly SqliteDatabase _database;

    /// <summary>Prepares the store in an SQLite file (created with its tables on first use if missing).</summary>
    /// <param name="path">The database file; SQLite keeps <c>-wal</c> and <c>-shm</c> files beside it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, white space or no valid path.</exception>
    public SqliteNullifierStore(string path)
        : this(path, DefaultBusyTimeout)
    {
    }

    /// <summary>Prepares the store in an SQLite file (created with its tables on first use if missing).</summary>
    /// <param name="path">The database file; SQLite keeps <c>-wal</c> and <c>-shm</c> files beside it.</param>
    /// <param name="busyTimeout">How long a call waits for another writer's lock before it throws
    /// (whole seconds, 1 s to 1 h).</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, white space or no valid path.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="busyTimeout"/> is not 1 s to 1 h in whole seconds.</exception>
    public SqliteNullifierStore(string path, TimeSpan busyTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (busyTimeout < TimeSpan.FromSeconds(1) || busyTimeout > TimeSpan.FromHours(1) || busyTimeout.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(busyTimeout), busyTimeout, "The busy timeout must be whole seconds from 1 s to 1 h.");
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = System.IO.Path.GetFullPath(path),
            Pooling = true,
            DefaultTimeout = (int)busyTimeout.TotalSeconds,
        };
        _database = new SqliteDatabase(builder, Migrations, $"the nullifier registry {builder.DataSource}");
        Path = _database.DataSource;
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Creates the file and its tables if missing and applies the forward migrations it lacks; every call does this first,
    /// so a service calls it at start to fail fast and keep the first request quick. Idempotent.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SqliteException">The file cannot be opened or created, or is no SQLite database.</exception>
    /// <exception cref="InvalidOperationException">The file system does not allow WAL mode, or the file's schema is
    /// newer than this version of Pod knows.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _database.InitializeAsync(cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="DatabaseFileReplacedException">The database file was deleted or replaced under the store.</exception>
    public Task<RegistrationResult> RegisterAsync(Fr scope, Fr nullifier, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(
            async (connection, transaction, token) =>
            {
                await using SqliteCommand command = Command(connection, transaction, RegisterSql);
                command.Parameters.Add("$scope", SqliteType.Blob).Value = StoredField.Encode(scope);
                command.Parameters.Add("$nullifier", SqliteType.Blob).Value = StoredField.Encode(nullifier);
                return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1 ? RegistrationResult.FirstUse : RegistrationResult.AlreadyRegistered;
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="DatabaseFileReplacedException">The database file was deleted or replaced under the store.</exception>
    public async Task<bool> IsRegisteredAsync(Fr scope, Fr nullifier, CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = Command(connection, null, IsRegisteredSql);
        command.Parameters.Add("$scope", SqliteType.Blob).Value = StoredField.Encode(scope);
        command.Parameters.Add("$nullifier", SqliteType.Blob).Value = StoredField.Encode(nullifier);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <inheritdoc/>
    /// <exception cref="DatabaseFileReplacedException">The database file was deleted or replaced under the store.</exception>
    public Task<VoteResult> CastVoteAsync(Fr scope, Fr nullifier, Fr choice, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(
            async (connection, transaction, token) =>
            {
                await using SqliteCommand command = Command(connection, transaction, CastVoteSql);
                command.Parameters.Add("$scope", SqliteType.Blob).Value = StoredField.Encode(scope);
                command.Parameters.Add("$nullifier", SqliteType.Blob).Value = StoredField.Encode(nullifier);
                command.Parameters.Add("$choice", SqliteType.Blob).Value = StoredField.Encode(choice);
                return (long)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))! == 1 ? VoteResult.Recorded : VoteResult.Replaced;
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="DatabaseFileReplacedException">The database file was deleted or replaced under the store.</exception>
    public async Task<VoteTally> TallyAsync(Fr scope, CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = Command(connection, null, TallySql);
        command.Parameters.Add("$scope", SqliteType.Blob).Value = StoredField.Encode(scope);
        var counts = new List<KeyValuePair<Fr, long>>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new(StoredField.Decode((byte[])reader[0], "votes.choice"), reader.GetInt64(1)));
        }

        return new VoteTally(scope, counts);
    }

    /// <inheritdoc/>
    /// <exception cref="DatabaseFileReplacedException">The database file was deleted or replaced under the store.</exception>
    public async Task CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = Command(connection, null, "SELECT 1 FROM registrations LIMIT 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the pooled connections to the file; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => _database.Dispose();

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
