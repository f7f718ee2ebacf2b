namespace Pod.Storage.PostgreSql.DependencyInjection;

/// <summary>Settings for <c>services.AddPodPostgreSqlNullifierStore(...)</c>; plain properties, so they bind from configuration.</summary>
public sealed class PostgreSqlNullifierStoreOptions
{
    /// <summary>The Npgsql connection string (required).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The PostgreSQL schema for the tables; <see cref="PostgresNullifierStore.DefaultSchema"/> unless set.</summary>
    public string Schema { get; set; } = PostgresNullifierStore.DefaultSchema;

    /// <summary>Lists the settings without the connection string (which may hold a password).</summary>
    public override string ToString() => $"PostgreSqlNullifierStoreOptions (connection string {(ConnectionString is null ? "unset" : "set")}, schema {Schema})";
}
