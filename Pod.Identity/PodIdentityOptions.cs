using Pod.Identity.Registry;

namespace Pod.Identity;

/// <summary>Settings for <c>services.AddPodIdentity(...)</c>: which store the nullifier registry uses.</summary>
/// <remarks>Plain settable properties, so they also bind from configuration (appsettings.json).</remarks>
public sealed class PodIdentityOptions
{
    /// <summary>The store kind; SQLite, the embedded store, unless set.</summary>
    public NullifierStoreKind NullifierStore { get; set; } = NullifierStoreKind.Sqlite;

    /// <summary>The SQLite database file (required for <see cref="NullifierStoreKind.Sqlite"/>).</summary>
    public string? SqlitePath { get; set; }

    /// <summary>The Npgsql connection string (required for <see cref="NullifierStoreKind.Postgres"/>).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The PostgreSQL schema for the tables; <see cref="PostgresNullifierStore.DefaultSchema"/> unless set.</summary>
    public string PostgresSchema { get; set; } = PostgresNullifierStore.DefaultSchema;
}
