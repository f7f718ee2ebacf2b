using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pod.Issuers.Tls.Reclaim;
using Pod.Issuers.Tls.Sgx;
using Pod.Issuers.Tls.Simulation;
using Pod.Issuers.Tls.Storage;

namespace Pod.Issuers.Tls;

/// <summary>Registers the TLS issuer with a service collection.</summary>
public static class TlsIssuerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TlsPodIssuer"/> as a singleton, configured by <paramref name="configure"/>: the issuer key, the UID key,
    /// the policy, the provider specs. The issuer verifies SGX DCAP quotes (pinned to
    /// <see cref="TlsIssuerOptions.SgxRootPublicKeySha256"/>), Reclaim proofs when attestors are configured, and any other <see cref="IAttestationVerifier"/>
    /// registered; simulated evidence only when the development-only <c>AddPodSimulatedAttestation</c>
    /// (<see cref="SimulatedAttestationServiceCollectionExtensions"/>) registered it, which refuses the Production environment. The store is the registered <see cref="ITlsIssuerStore"/> (<c>AddPodSqliteTlsIssuerStore</c> from
    /// Pod.Storage.Sqlite, <c>AddPodPostgreSqlTlsIssuerStore</c> from Pod.Storage.PostgreSql), or memory when
    /// <see cref="TlsIssuerOptions.UseInMemoryStore"/> is set; the clock a registered <see cref="TimeProvider"/> or the system's.
    /// The options are validated when the host starts (<c>ValidateOnStart</c>), and a hosted service warms the store up then
    /// (creates or migrates its schema).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>Resolving the options (or starting the host) throws <see cref="OptionsValidationException"/> naming each bad
    /// setting; resolving the issuer throws <see cref="InvalidOperationException"/> when no store is registered and
    /// <see cref="TlsIssuerOptions.UseInMemoryStore"/> is not set.</remarks>
    public static IServiceCollection AddPodTlsIssuer(this IServiceCollection services, Action<TlsIssuerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TlsIssuerOptions>()
            .Configure(configure)
            .Validate(o => o.IssuerKey is not null, "TlsIssuerOptions.IssuerKey is required.")
            .Validate(o => o.UidKey is { Length: >= 32 }, "TlsIssuerOptions.UidKey is required, at least 32 bytes.")
            .Validate<IEnumerable<SimulatedIssuerSigner>>((o, simulation) => !o.AllowSimulatedEvidence || simulation.Any(),
                "TlsIssuerOptions.AllowSimulatedEvidence is set by AddPodSimulatedAttestation (Pod.Issuers.Tls.Simulation), the development-only registration, never by hand in a hosted issuer.")
            .Validate(o => o.ReclaimAttestors.Count == 0 || (o.ReclaimThreshold >= 1 && o.ReclaimThreshold <= o.ReclaimAttestors.Count),
                "TlsIssuerOptions.ReclaimThreshold must be from 1 to the number of ReclaimAttestors.")
            .Validate(o => o.NonceLifetime > TimeSpan.Zero && o.SessionRetention >= TimeSpan.Zero && o.MaxNotarizationAge > TimeSpan.Zero
                    && o.ClockSkew >= TimeSpan.Zero && o.DefaultValidity > TimeSpan.Zero,
                "TlsIssuerOptions.NonceLifetime, MaxNotarizationAge and DefaultValidity must be positive, SessionRetention and ClockSkew not negative.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITlsIssuerStore>(sp => sp.GetRequiredService<IOptions<TlsIssuerOptions>>().Value.UseInMemoryStore
            ? new InMemoryTlsIssuerStore()
            : throw new InvalidOperationException(
                "No ITlsIssuerStore is registered: call AddPodSqliteTlsIssuerStore (Pod.Storage.Sqlite) or AddPodPostgreSqlTlsIssuerStore (Pod.Storage.PostgreSql), or set TlsIssuerOptions.UseInMemoryStore for development."));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TlsIssuerStoreWarmup>());
        services.TryAddSingleton(sp =>
        {
            TlsIssuerOptions options = sp.GetRequiredService<IOptions<TlsIssuerOptions>>().Value;
            TimeProvider time = sp.GetRequiredService<TimeProvider>();
            var verifiers = new List<IAttestationVerifier> { new SgxDcapVerifier(time, options.SgxRootPublicKeySha256) };
            if (options.ReclaimAttestors.Count > 0)
            {
                verifiers.Add(new ReclaimVerifier(options.ReclaimAttestors, options.ReclaimThreshold));
            }

            verifiers.AddRange(sp.GetServices<IAttestationVerifier>());
            return new TlsPodIssuer(options, sp.GetRequiredService<ITlsIssuerStore>(), verifiers, time, sp.GetService<ILogger<TlsPodIssuer>>());
        });
        return services;
    }

    /// <summary>Adds a health check of the registered <see cref="ITlsIssuerStore"/> (<see cref="ITlsIssuerStore.CheckHealthAsync"/>).</summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported when the store fails; <see cref="HealthStatus.Unhealthy"/> unless set.</param>
    /// <param name="tags">Tags for filtering the check (for example <c>"ready"</c>).</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="name"/> is null.</exception>
    public static IHealthChecksBuilder AddPodTlsIssuerStore(
        this IHealthChecksBuilder builder, string name = "pod-tls-issuer-store", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        return builder.AddCheck<TlsIssuerStoreHealthCheck>(name, failureStatus, tags ?? []);
    }
}
