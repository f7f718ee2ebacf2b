using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pod.Gpc;
using Pod.Gpc.Requests;
using Pod.Identity.Registry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="GpcRequestVerifier"/>.</summary>
public static class PodGpcVerifierServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="GpcRequestVerifier"/> for the configured template, with an
    /// <see cref="InMemoryGpcChallengeStore"/> (unless an <see cref="IGpcChallengeStore"/> is registered), the system
    /// <see cref="TimeProvider"/> (unless one is registered) and, for a template with an external nullifier, the
    /// <see cref="NullifierRegistry"/> that <c>AddPodNullifierRegistry</c> (or a store registration such as <c>AddPodSqliteNullifierStore</c>) registers. The options are validated when the host starts
    /// (<c>ValidateOnStart</c>): a template that cannot be used, or a missing registry, stops the start with the reason.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddPodGpcVerifier(this IServiceCollection services, Action<PodGpcVerifierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PodGpcVerifierOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PodGpcVerifierOptions>, OptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGpcChallengeStore>(static provider => new InMemoryGpcChallengeStore(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static provider => new GpcRequestVerifier(
            provider.GetRequiredService<IOptions<PodGpcVerifierOptions>>().Value.Template!,
            LazyKeys(provider.GetRequiredService<IOptions<PodGpcVerifierOptions>>().Value.ArtifactsDirectory!),
            provider.GetRequiredService<IGpcChallengeStore>(),
            provider.GetService<NullifierRegistry>(),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>The keys of a directory, opened on first use and retried until it exists (a package installed after start-up is picked up).</summary>
    private static Func<GpcVerificationKeys> LazyKeys(string directory)
    {
        GpcVerificationKeys? keys = null;
        return () => Volatile.Read(ref keys) ?? Interlocked.CompareExchange(ref keys, new GpcVerificationKeys(new GpcArtifacts(directory)), null) ?? keys!;
    }

    private sealed class OptionsValidator(IServiceProvider provider, TimeProvider time) : IValidateOptions<PodGpcVerifierOptions>
    {
        public ValidateOptionsResult Validate(string? name, PodGpcVerifierOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.ArtifactsDirectory))
            {
                return ValidateOptionsResult.Fail("PodGpcVerifierOptions.ArtifactsDirectory is empty: it must name the installed @pcd/proto-pod-gpc-artifacts folder.");
            }

            if (options.Template is not { } template)
            {
                return ValidateOptionsResult.Fail("PodGpcVerifierOptions.Template is null: the verifier needs to know what it asks for.");
            }

            if (template.FindProblem(time.GetUtcNow()) is string problem)
            {
                return ValidateOptionsResult.Fail($"PodGpcVerifierOptions.Template cannot be used: {problem}");
            }

            return template.ExternalNullifier is not null && provider.GetService<NullifierRegistry>() is null
                ? ValidateOptionsResult.Fail("PodGpcVerifierOptions.Template has an external nullifier but no NullifierRegistry is registered: call AddPodSqliteNullifierStore(...), AddPodPostgreSqlNullifierStore(...) or AddPodInMemoryNullifierStore().")
                : ValidateOptionsResult.Success;
        }
    }
}
