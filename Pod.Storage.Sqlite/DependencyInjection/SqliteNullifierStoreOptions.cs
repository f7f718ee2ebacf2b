namespace Pod.Storage.Sqlite.DependencyInjection;

/// <summary>Settings for <c>services.AddPodSqliteNullifierStore(...)</c>; plain properties, so they bind from configuration.</summary>
public sealed class SqliteNullifierStoreOptions
{
    /// <summary>The database file (required); SQLite keeps <c>-wal</c> and <c>-shm</c> files beside it.</summary>
    public string? Path { get; set; }

    /// <summary>How long a call waits for another writer's lock: whole seconds, 1 s to 1 h;
    /// <see cref="SqliteNullifierStore.DefaultBusyTimeout"/> unless set.</summary>
    public TimeSpan BusyTimeout { get; set; } = SqliteNullifierStore.DefaultBusyTimeout;
}
