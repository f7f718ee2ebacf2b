using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Pod.Identity.DependencyInjection;
using Pod.Identity.Registry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Pod.Identity's services: the nullifier registry, its warm-up and its health check.</summary>
/// <remarks>Identities themselves are values (<c>SemaphoreIdentity</c>), not services: nothing to register. The database
/// stores come from the storage packages: <c>AddPodSqliteNullifierStore</c> (Pod.Storage.Sqlite) and
/// <c>AddPodPostgreSqlNullifierStore</c> (Pod.Storage.PostgreSql), which call <see cref="AddPodNullifierRegistry"/>.</remarks>
public static class PodIdentityServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="NullifierRegistry"/> over the registered singleton <see cref="INullifierStore"/>,
    /// and a hosted service that warms the store up when the host starts (creates or migrates its schema, so a broken
    /// database stops the start instead of the first request).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <remarks>Resolving the registry throws <see cref="InvalidOperationException"/> when no store is registered.</remarks>
    public static IServiceCollection AddPodNullifierRegistry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(static provider => new NullifierRegistry(provider.GetService<INullifierStore>()
            ?? throw new InvalidOperationException(
                "No INullifierStore is registered: call AddPodSqliteNullifierStore (Pod.Storage.Sqlite), AddPodPostgreSqlNullifierStore (Pod.Storage.PostgreSql) or AddPodInMemoryNullifierStore.")));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, NullifierStoreWarmup>());
        return services;
    }

    /// <summary>
    /// Registers an <see cref="InMemoryNullifierStore"/> (unless a store is registered already) and the registry over it:
    /// for tests and development only, since its records end with the process.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddPodInMemoryNullifierStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<INullifierStore, InMemoryNullifierStore>();
        return services.AddPodNullifierRegistry();
    }

    /// <summary>Adds a health check of the registered <see cref="INullifierStore"/> (<see cref="INullifierStore.CheckHealthAsync"/>).</summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported when the store fails; <see cref="HealthStatus.Unhealthy"/> unless set.</param>
    /// <param name="tags">Tags for filtering the check (for example <c>"ready"</c>).</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="name"/> is null.</exception>
    public static IHealthChecksBuilder AddPodNullifierStore(
        this IHealthChecksBuilder builder, string name = "pod-nullifier-store", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        return builder.AddCheck<NullifierStoreHealthCheck>(name, failureStatus, tags ?? []);
    }
}
