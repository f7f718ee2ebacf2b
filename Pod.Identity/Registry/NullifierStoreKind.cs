namespace Pod.Identity.Registry;

/// <summary>The stores a nullifier registry can keep its records in.</summary>
public enum NullifierStoreKind
{
    /// <summary>An SQLite file on this machine (<see cref="SqliteNullifierStore"/>), the embedded default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database that several verifier machines share (<see cref="PostgresNullifierStore"/>).</summary>
    Postgres,

    /// <summary>The process's memory (<see cref="InMemoryNullifierStore"/>): lost when the process ends; for tests.</summary>
    InMemory,
}
