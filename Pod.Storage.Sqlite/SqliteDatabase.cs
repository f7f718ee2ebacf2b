using Microsoft.Data.Sqlite;

namespace Pod.Storage.Sqlite;

/// <summary>
/// What every SQLite store of Pod (the nullifier registry, the TLS issuer's state) does with its database file, in one
/// place: creates it on first use (WAL journal mode, forward schema migrations), opens pooled connections with
/// <c>synchronous=FULL</c>, queues the store's writes on one asynchronous gate, runs each write in a
/// <c>BEGIN IMMEDIATE</c> transaction, and guards against the file being deleted or replaced under the store
/// (<see cref="SqliteFileGuard"/>), failing closed.
/// </summary>
/// <remarks>
/// <para>Nothing touches the disk until <see cref="InitializeAsync"/> (which every operation calls first): a store's
/// constructor only checks its arguments, and a service warms it up explicitly or on its first request.</para>
/// <para>Microsoft.Data.Sqlite has no asynchronous I/O: its <c>…Async</c> methods run on the calling thread. The token is
/// honoured before every statement and while waiting on the gates; a statement that began runs to its end (SQLite's busy
/// timeout bounds a wait for another process's lock).</para>
/// </remarks>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly string _createConnectionString;
    private readonly IReadOnlyList<string> _migrations;
    private readonly string _description;
    private readonly SemaphoreSlim _initializeGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteFileGuard? _guard;
    private volatile bool _initialized;
    private volatile bool _disposed;

    static SqliteDatabase() => SQLitePCL.Batteries_V2.Init();

    /// <summary>Prepares (touching nothing on disk) a database from a connection string.</summary>
    /// <param name="builder">The connection string; a file data source is made absolute. <c>:memory:</c> or
    /// <c>Mode=Memory</c> keeps the database in memory, without WAL or file guard.</param>
    /// <param name="migrations">The store's ordered scripts (<see cref="SqliteSchemaMigrations"/>).</param>
    /// <param name="description">What the store is, for messages (no secret: the path at most).</param>
    public SqliteDatabase(SqliteConnectionStringBuilder builder, IReadOnlyList<string> migrations, string description)
    {
        InMemory = builder.DataSource is ":memory:" or "" || builder.Mode == SqliteOpenMode.Memory;
        if (!InMemory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);

            // Created once, by InitializeAsync, on a connection of its own that no pool keeps.
            bool pooling = builder.Pooling;
            builder.Mode = SqliteOpenMode.ReadWriteCreate;
            builder.Pooling = false;
            _createConnectionString = builder.ToString();
            builder.Pooling = pooling;

            // Calls open the existing file only: if it vanished, they fail rather than start an empty store.
            builder.Mode = SqliteOpenMode.ReadWrite;
        }
        else
        {
            _createConnectionString = builder.ToString();
        }

        DataSource = builder.DataSource;
        ConnectionString = builder.ToString();
        _migrations = migrations;
        _description = description;
    }

    /// <summary>The full path of the database file (or the in-memory data source).</summary>
    public string DataSource { get; }

    /// <summary>True for an in-memory database.</summary>
    public bool InMemory { get; }

    /// <summary>The connection string operations open (read-write, never create).</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the file if missing, switches it to WAL, applies the migrations it lacks and starts guarding it;
    /// once per database (a failed attempt is retried by the next call).</summary>
    /// <exception cref="SqliteException">The file cannot be opened or created, or is no SQLite database.</exception>
    /// <exception cref="InvalidOperationException">The file system does not allow WAL mode, or the schema is newer than this
    /// version of Pod knows.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_initialized)
        {
            return;
        }

        await _initializeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            if (!InMemory)
            {
                await using var create = new SqliteConnection(_createConnectionString);
                await create.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using SqliteCommand wal = create.CreateCommand();

                // The journal mode is kept in the file; synchronous is per connection (see OpenAsync).
                wal.CommandText = "PRAGMA journal_mode = WAL";
                string? mode = await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(
                        $"The database of {_description} could not switch to WAL journal mode (it reports \"{mode}\"): keep it on a local file system.");
                }
            }

            await using (SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
            {
                await SqliteSchemaMigrations.ApplyAsync(connection, _migrations, _description, cancellationToken).ConfigureAwait(false);
            }

            _guard = InMemory ? null : new SqliteFileGuard(DataSource);
            _initialized = true;
        }
        finally
        {
            _initializeGate.Release();
        }
    }

    /// <summary>Opens a connection for a read, after initialising and checking the file.</summary>
    /// <exception cref="DatabaseFileReplacedException">The file was deleted or replaced under the store.</exception>
    public async Task<SqliteConnection> OpenForReadAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        CheckFile(afterCommit: false);
        return await OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One write: through the gate, in a <c>BEGIN IMMEDIATE</c> transaction, with the file checked inside the write lock
    /// before the commit (nothing is written to a replaced file) and after it (nothing is acknowledged unless the path still
    /// named the file when the commit returned). A result <paramref name="commitIf"/> refuses rolls back.
    /// </summary>
    /// <exception cref="DatabaseFileReplacedException">The file was deleted or replaced under the store.</exception>
    public async Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken, Func<T, bool>? commitIf = null)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            CheckFile(afterCommit: false);
            await using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            T result = await write(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (commitIf is not null && !commitIf(result))
            {
                return result;
            }

            CheckFile(afterCommit: false);

            // Past this point the write is not cancelled: a commit that ran is acknowledged.
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            CheckFile(afterCommit: true);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Closes the pooled connections to the file, then the guard's descriptor.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ClearPool();

        // Only now: closing any descriptor of the file drops this process's POSIX locks on it.
        _guard?.Dispose();
    }

    private void CheckFile(bool afterCommit)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _guard?.EnsureCurrent(afterCommit);
        }
        catch (DatabaseFileReplacedException)
        {
            // Close the idle connections to the old file; the ones in use close when their calls end.
            ClearPool();
            throw;
        }
    }

    private void ClearPool()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using SqliteCommand pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = FULL";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
