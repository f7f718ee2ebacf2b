using Microsoft.Extensions.Options;
using Npgsql;
using Pod.Identity.Registry;
using Pod.Issuers.Tls.Storage;
using Pod.Storage.PostgreSql;
using Pod.Storage.PostgreSql.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Pod's PostgreSQL stores.</summary>
public static class PodPostgreSqlServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="PostgresNullifierStore"/> as the <see cref="INullifierStore"/> (replacing one registered
    /// before) and the nullifier registry over it (<c>AddPodNullifierRegistry</c>). The options are validated when the host
    /// starts; the store connects on first use, is warmed up when the host starts, and is disposed with the container.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, for example <c>o =&gt; o.ConnectionString = "Host=...;Database=..."</c>.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    /// <remarks>Resolving the options (or starting the host) throws <see cref="OptionsValidationException"/> naming each bad setting.</remarks>
    public static IServiceCollection AddPodPostgreSqlNullifierStore(this IServiceCollection services, Action<PostgreSqlNullifierStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PostgreSqlNullifierStoreOptions>()
            .Configure(configure)
            .Validate(o => IsValidConnectionString(o.ConnectionString),
                "PostgreSqlNullifierStoreOptions.ConnectionString is empty or no valid Npgsql connection string.")
            .Validate(o => PostgresSchemaSetup.IsValidSchemaName(o.Schema),
                "PostgreSqlNullifierStoreOptions.Schema must be lowercase letters, digits and underscores, not starting with a digit, at most 63 characters.")
            .ValidateOnStart();
        services.AddSingleton<INullifierStore>(static provider =>
        {
            PostgreSqlNullifierStoreOptions options = provider.GetRequiredService<IOptions<PostgreSqlNullifierStoreOptions>>().Value;
            return new PostgresNullifierStore(options.ConnectionString!, options.Schema);
        });
        return services.AddPodNullifierRegistry();
    }

    /// <summary>
    /// Registers a singleton <see cref="PostgresTlsIssuerStore"/> as the <see cref="ITlsIssuerStore"/> of <c>AddPodTlsIssuer</c>
    /// (replacing one registered before), for several issuer machines sharing one state. The options are validated when the
    /// host starts; the store connects on first use, is warmed up when the host starts (by <c>AddPodTlsIssuer</c>), and is
    /// disposed with the container.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    /// <remarks>Resolving the options (or starting the host) throws <see cref="OptionsValidationException"/> naming each bad setting.</remarks>
    public static IServiceCollection AddPodPostgreSqlTlsIssuerStore(this IServiceCollection services, Action<PostgreSqlTlsIssuerStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PostgreSqlTlsIssuerStoreOptions>()
            .Configure(configure)
            .Validate(o => IsValidConnectionString(o.ConnectionString),
                "PostgreSqlTlsIssuerStoreOptions.ConnectionString is empty or no valid Npgsql connection string.")
            .Validate(o => PostgresSchemaSetup.IsValidSchemaName(o.Schema),
                "PostgreSqlTlsIssuerStoreOptions.Schema must be lowercase letters, digits and underscores, not starting with a digit, at most 63 characters.")
            .ValidateOnStart();
        services.AddSingleton<ITlsIssuerStore>(static provider =>
        {
            PostgreSqlTlsIssuerStoreOptions options = provider.GetRequiredService<IOptions<PostgreSqlTlsIssuerStoreOptions>>().Value;
            return new PostgresTlsIssuerStore(options.ConnectionString!, options.Schema);
        });
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
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
