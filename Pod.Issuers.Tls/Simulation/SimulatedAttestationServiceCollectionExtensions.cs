using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Pod.Issuers.Tls.Simulation;

/// <summary>Registers the development enclave's evidence with a hosted <see cref="TlsPodIssuer"/>: the only way a hosted issuer accepts it.</summary>
public static class SimulatedAttestationServiceCollectionExtensions
{
    /// <summary>
    /// Development only: makes the issuer registered by <see cref="TlsIssuerServiceCollectionExtensions.AddPodTlsIssuer"/> accept
    /// <see cref="SimulatedEvidence"/> from the <see cref="SimulatedEnclave"/> whose root <paramref name="configure"/> names. PODs
    /// from it carry <c>attestation_kind = "simulated"</c> and are signed with a key made per process, never the production
    /// issuer key (<see cref="TlsPodIssuer.SimulatedIssuerPublicKey"/>). The registration refuses to run in the Production
    /// environment, or where no <see cref="IHostEnvironment"/> is registered, unless
    /// <see cref="SimulatedAttestationOptions.AllowInProduction"/> is set: starting the host (<c>ValidateOnStart</c>) or
    /// resolving the issuer then throws <see cref="OptionsValidationException"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddPodSimulatedAttestation(this IServiceCollection services, Action<SimulatedAttestationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SimulatedAttestationOptions>()
            .Configure(configure)
            .Validate(o => o.RootPublicKey is { Length: > 0 }, "SimulatedAttestationOptions.RootPublicKey is required.")
            .Validate<IEnumerable<IHostEnvironment>>(
                (o, environments) => o.AllowInProduction || environments.LastOrDefault() is { } environment && !environment.IsProduction(),
                "Simulated evidence is refused in the Production environment (and where no host environment is registered): it proves nothing about an enclave. Set SimulatedAttestationOptions.AllowInProduction only for a deliberate demonstration.")
            .ValidateOnStart();
        if (services.Any(d => d.ServiceType == typeof(SimulatedIssuerSigner)))
        {
            return services;
        }

        services.TryAddSingleton<SimulatedIssuerSigner>();
        services.AddOptions<TlsIssuerOptions>().PostConfigure<SimulatedIssuerSigner>((o, signer) =>
        {
            o.AllowSimulatedEvidence = true;
            o.SimulatedIssuerKey ??= signer.Key;
        });
        services.AddSingleton<IAttestationVerifier>(sp =>
            new SimulatedEnclaveVerifier(sp.GetRequiredService<IOptions<SimulatedAttestationOptions>>().Value.RootPublicKey!));
        return services;
    }
}
