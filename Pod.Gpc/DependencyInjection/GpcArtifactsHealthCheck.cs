using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pod.Gpc.DependencyInjection;

/// <summary>
/// Reports whether the verification key of every circuit of the family is installed and matches its pin
/// (<see cref="GpcVerificationKeys.LoadAllAsync"/>): unhealthy while the artifacts package is missing or altered.
/// </summary>
/// <remarks>Registered by <c>services.AddHealthChecks().AddPodGpcArtifacts()</c> over the registered
/// <see cref="GpcVerificationKeys"/>. Keys once read are kept, so after the first success the check costs nothing. The
/// report names the exception's type only (a message carries the server's paths); the log has the rest.</remarks>
public sealed class GpcArtifactsHealthCheck : IHealthCheck
{
    private readonly GpcVerificationKeys _keys;
    private readonly ILogger _logger;

    /// <summary>Creates the check over the keys a verifier uses.</summary>
    /// <param name="keys">The verification keys.</param>
    /// <param name="logger">Where failures are logged; none unless given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is null.</exception>
    public GpcArtifactsHealthCheck(GpcVerificationKeys keys, ILogger<GpcArtifactsHealthCheck>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            int circuits = await _keys.LoadAllAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"The verification keys of {circuits} circuits are installed and match their pins.");
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            _logger.LogError(e, "The GPC verification keys failed their health check.");
            return new HealthCheckResult(context.Registration.FailureStatus, $"The GPC verification keys cannot be read: {e.GetType().Name}.");
        }
    }
}
