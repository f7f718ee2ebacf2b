using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pod.Identity;
using Pod.Identity.Registry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Pod.Identity's services.</summary>
public static class PodIdentityServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="NullifierRegistry"/> over a singleton <see cref="INullifierStore"/>
    /// of the kind the options choose (an <see cref="INullifierStore"/> registered before is kept). The
    /// container creates the store on first use and disposes it with itself.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, for example
    /// <c>o => o.SqlitePath = "nullifiers.db"</c> or
    /// <c>o => { o.NullifierStore = NullifierStoreKind.Postgres; o.PostgresConnectionString = "..."; }</c>.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    /// <remarks>Resolving the store throws <see cref="OptionsValidationException"/> when the chosen kind's
    /// path or connection string is missing.</remarks>
    public static IServiceCollection AddPodIdentity(this IServiceCollection services, Action<PodIdentityOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PodIdentityOptions>()
            .Configure(configure)
            .Validate(
                o => Enum.IsDefined(o.NullifierStore),
                $"PodIdentityOptions.NullifierStore must be {string.Join(", ", Enum.GetNames<NullifierStoreKind>())}.")
            .Validate(
                o => o.NullifierStore != NullifierStoreKind.Sqlite || !string.IsNullOrWhiteSpace(o.SqlitePath),
                "PodIdentityOptions.SqlitePath is empty: the SQLite nullifier store (the default) needs a database file path.")
            .Validate(
                o => o.NullifierStore != NullifierStoreKind.Postgres || !string.IsNullOrWhiteSpace(o.PostgresConnectionString),
                "PodIdentityOptions.PostgresConnectionString is empty: the PostgreSQL nullifier store needs a connection string.");
        services.TryAddSingleton(static provider => CreateStore(provider.GetRequiredService<IOptions<PodIdentityOptions>>().Value));
        services.TryAddSingleton<NullifierRegistry>();
        return services;
    }

    private static INullifierStore CreateStore(PodIdentityOptions options) => options.NullifierStore switch
    {
        NullifierStoreKind.Sqlite => new SqliteNullifierStore(options.SqlitePath!),
        NullifierStoreKind.Postgres => new PostgresNullifierStore(options.PostgresConnectionString!, options.PostgresSchema),
        NullifierStoreKind.InMemory => new InMemoryNullifierStore(),
        _ => throw new UnreachableException($"The options validation let the store kind {options.NullifierStore} through."),
    };
}
