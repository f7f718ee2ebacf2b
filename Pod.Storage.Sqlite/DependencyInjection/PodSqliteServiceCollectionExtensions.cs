using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Pod.Identity.Registry;
using Pod.Issuers.Tls.Storage;
using Pod.Storage.Sqlite;
using Pod.Storage.Sqlite.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Pod's SQLite stores.</summary>
public static class PodSqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="SqliteNullifierStore"/> as the <see cref="INullifierStore"/> (replacing one registered
    /// before) and the nullifier registry over it (<c>AddPodNullifierRegistry</c>). The options are validated when the host
    /// starts; the store is created on first use, warmed up when the host starts, and disposed with the container.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, for example <c>o =&gt; o.Path = "nullifiers.db"</c>.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    /// <remarks>Resolving the options (or starting the host) throws <see cref="OptionsValidationException"/> naming each bad setting.</remarks>
    public static IServiceCollection AddPodSqliteNullifierStore(this IServiceCollection services, Action<SqliteNullifierStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqliteNullifierStoreOptions>()
            .Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "SqliteNullifierStoreOptions.Path is empty: the SQLite nullifier store needs a database file path.")
            .Validate(
                o => o.BusyTimeout >= TimeSpan.FromSeconds(1) && o.BusyTimeout <= TimeSpan.FromHours(1) && o.BusyTimeout.Ticks % TimeSpan.TicksPerSecond == 0,
                "SqliteNullifierStoreOptions.BusyTimeout must be whole seconds from 1 s to 1 h.")
            .ValidateOnStart();
        services.AddSingleton<INullifierStore>(static provider =>
        {
            SqliteNullifierStoreOptions options = provider.GetRequiredService<IOptions<SqliteNullifierStoreOptions>>().Value;
            return new SqliteNullifierStore(options.Path!, options.BusyTimeout);
        });
        return services.AddPodNullifierRegistry();
    }

    /// <summary>
    /// Registers a singleton <see cref="SqliteTlsIssuerStore"/> as the <see cref="ITlsIssuerStore"/> of <c>AddPodTlsIssuer</c>
    /// (replacing one registered before). The options are validated when the host starts; the store is created on first use,
    /// warmed up when the host starts (by <c>AddPodTlsIssuer</c>), and disposed with the container.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, for example <c>o =&gt; o.ConnectionString = "Data Source=issuer.db"</c>.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    /// <remarks>Resolving the options (or starting the host) throws <see cref="OptionsValidationException"/> naming each bad setting.</remarks>
    public static IServiceCollection AddPodSqliteTlsIssuerStore(this IServiceCollection services, Action<SqliteTlsIssuerStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqliteTlsIssuerStoreOptions>()
            .Configure(configure)
            .Validate(o => IsValidConnectionString(o.ConnectionString),
                "SqliteTlsIssuerStoreOptions.ConnectionString is empty or no valid SQLite connection string.")
            .ValidateOnStart();
        services.AddSingleton<ITlsIssuerStore>(static provider =>
            new SqliteTlsIssuerStore(provider.GetRequiredService<IOptions<SqliteTlsIssuerStoreOptions>>().Value.ConnectionString));
        return services;
    }

    private static bool IsValidConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        try
        {
            _ = new SqliteConnectionStringBuilder(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
