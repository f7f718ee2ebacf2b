using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pod.Gpc.DependencyInjection;
using Pod.Gpc;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks of Pod.Gpc.</summary>
public static class PodGpcHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a health check of the GPC circuit artifacts: the registered <see cref="GpcVerificationKeys"/> (registered by the
    /// GPC verifier's service registration, or by you) must read every circuit's key, each matching its pin.
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported when a key is missing or altered; <see cref="HealthStatus.Unhealthy"/> unless set.</param>
    /// <param name="tags">Tags for filtering the check (for example <c>"ready"</c>).</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="name"/> is null.</exception>
    public static IHealthChecksBuilder AddPodGpcArtifacts(
        this IHealthChecksBuilder builder, string name = "pod-gpc-artifacts", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        return builder.AddCheck<GpcArtifactsHealthCheck>(name, failureStatus, tags ?? []);
    }
}
