namespace Pod.Storage.Sqlite.DependencyInjection;

/// <summary>Settings for <c>services.AddPodSqliteTlsIssuerStore(...)</c>; plain properties, so they bind from configuration.</summary>
public sealed class SqliteTlsIssuerStoreOptions
{
    /// <summary>The store's database unless set: <c>pod-tls-issuer.db</c> in the working directory.</summary>
    public const string DefaultConnectionString = "Data Source=pod-tls-issuer.db";

    /// <summary>The SQLite connection string; <see cref="DefaultConnectionString"/> unless set.</summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;
}
