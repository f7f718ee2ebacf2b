namespace Pod.Hosting;

/// <summary>Where a service keeps its state: the <c>Store</c> (issuer) or <c>Registry</c> (verifier) configuration section.</summary>
public sealed class PodStoreSettings
{
    /// <summary>The store: <see cref="PodStoreKind.Sqlite"/> (the default), <see cref="PodStoreKind.PostgreSql"/> or <see cref="PodStoreKind.Memory"/>.</summary>
    public PodStoreKind Kind { get; set; } = PodStoreKind.Sqlite;

    /// <summary>The SQLite database file (created if missing); null: the service's default file name in the working directory.</summary>
    public string? Path { get; set; }

    /// <summary>The PostgreSQL connection string (Npgsql's form); required for <see cref="PodStoreKind.PostgreSql"/>. Best given by the environment, never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The PostgreSQL schema; null: the store's default.</summary>
    public string? Schema { get; set; }

    /// <summary>Lists the settings without the connection string.</summary>
    /// <returns>The kind, path and schema.</returns>
    public override string ToString() =>
        $"PodStoreSettings ({Kind}, path {Path ?? "default"}, connection string {(ConnectionString is null ? "unset" : "set")}, schema {Schema ?? "default"})";
}

/// <summary>The stores a service can keep its state in.</summary>
public enum PodStoreKind
{
    /// <summary>One local SQLite file (Pod.Storage.Sqlite): one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (Pod.Storage.PostgreSql): several nodes behind a load balancer.</summary>
    PostgreSql,

    /// <summary>Memory: lost at every restart, for tests and development only.</summary>
    Memory,
}
