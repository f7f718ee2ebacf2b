namespace Pod.Storage.PostgreSql.DependencyInjection;

/// <summary>Settings for <c>services.AddPodPostgreSqlTlsIssuerStore(...)</c>; plain properties, so they bind from configuration.</summary>
public sealed class PostgreSqlTlsIssuerStoreOptions
{
    /// <summary>The Npgsql connection string (required).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The PostgreSQL schema for the tables; <see cref="PostgresTlsIssuerStore.DefaultSchema"/> unless set.</summary>
    public string Schema { get; set; } = PostgresTlsIssuerStore.DefaultSchema;

    /// <summary>Lists the settings without the connection string (which may hold a password).</summary>
    public override string ToString() => $"PostgreSqlTlsIssuerStoreOptions (connection string {(ConnectionString is null ? "unset" : "set")}, schema {Schema})";
}
