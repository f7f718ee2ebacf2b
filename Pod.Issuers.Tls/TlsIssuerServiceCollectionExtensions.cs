using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// the policy, the provider specs and the store. The issuer verifies SGX DCAP quotes (pinned to
    /// <see cref="TlsIssuerOptions.SgxRootPublicKeySha256"/>), Reclaim proofs when attestors are configured, simulated evidence
    /// only when <see cref="TlsIssuerOptions.AllowSimulatedEvidence"/> is set, and any other <see cref="IAttestationVerifier"/>
    /// registered. A registered <see cref="ITlsIssuerStore"/> or <see cref="TimeProvider"/> is used as is; otherwise PostgreSQL
    /// (<see cref="TlsIssuerOptions.PostgresConnectionString"/>, in <see cref="TlsIssuerOptions.PostgresSchema"/>), SQLite
    /// (<see cref="TlsIssuerOptions.SqliteConnectionString"/>, the default) or memory, and the system clock. The container creates the store
    /// on first use and disposes it with itself.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>Resolving the store throws <see cref="OptionsValidationException"/> when both connection strings are set.</remarks>
    public static IServiceCollection AddPodTlsIssuer(this IServiceCollection services, Action<TlsIssuerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITlsIssuerStore>(sp => CreateStore(sp.GetRequiredService<IOptions<TlsIssuerOptions>>().Value));
        services.TryAddSingleton(sp =>
        {
            TlsIssuerOptions options = sp.GetRequiredService<IOptions<TlsIssuerOptions>>().Value;
            TimeProvider time = sp.GetRequiredService<TimeProvider>();
            var verifiers = new List<IAttestationVerifier> { new SgxDcapVerifier(time, options.SgxRootPublicKeySha256) };
            if (options.ReclaimAttestors.Count > 0)
            {
                verifiers.Add(new ReclaimVerifier(options.ReclaimAttestors, options.ReclaimThreshold));
            }

            if (options.AllowSimulatedEvidence)
            {
                verifiers.Add(new SimulatedEnclaveVerifier(options.SimulatedRootPublicKey
                    ?? throw new OptionsValidationException(nameof(TlsIssuerOptions), typeof(TlsIssuerOptions),
                        ["SimulatedRootPublicKey is required when AllowSimulatedEvidence is true."])));
            }

            verifiers.AddRange(sp.GetServices<IAttestationVerifier>());
            return new TlsPodIssuer(options, sp.GetRequiredService<ITlsIssuerStore>(), verifiers, time, sp.GetService<ILogger<TlsPodIssuer>>());
        });
        return services;
    }

    private static ITlsIssuerStore CreateStore(TlsIssuerOptions options)
    {
        bool postgres = options.PostgresConnectionString is not null;
        bool sqlite = options.SqliteConnectionString is not null;
        if ((postgres ? 1 : 0) + (sqlite ? 1 : 0) + (options.UseInMemoryStore ? 1 : 0) > 1)
        {
            throw new OptionsValidationException(nameof(TlsIssuerOptions), typeof(TlsIssuerOptions),
                ["More than one of TlsIssuerOptions.PostgresConnectionString, SqliteConnectionString and UseInMemoryStore is set: choose one store."]);
        }

        return postgres ? new PostgresTlsIssuerStore(options.PostgresConnectionString!, options.PostgresSchema)
            : options.UseInMemoryStore ? new InMemoryTlsIssuerStore()
            : new SqliteTlsIssuerStore(options.SqliteConnectionString ?? TlsIssuerOptions.DefaultSqliteConnectionString);
    }
}
