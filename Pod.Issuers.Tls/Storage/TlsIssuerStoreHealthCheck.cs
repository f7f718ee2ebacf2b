using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pod.Issuers.Tls.Storage;

/// <summary>Reports whether the registered <see cref="ITlsIssuerStore"/> can serve (<see cref="ITlsIssuerStore.CheckHealthAsync"/>).</summary>
/// <remarks>Registered by <c>services.AddHealthChecks().AddPodTlsIssuerStore()</c>. The report names the exception's type
/// only: a database message can carry a host name or path that a public health endpoint should not show; the log has it.</remarks>
public sealed class TlsIssuerStoreHealthCheck : IHealthCheck
{
    private readonly ITlsIssuerStore _store;
    private readonly ILogger _logger;

    /// <summary>Creates the check over a store.</summary>
    /// <param name="store">The store to check.</param>
    /// <param name="logger">Where failures are logged; none unless given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public TlsIssuerStoreHealthCheck(ITlsIssuerStore store, ILogger<TlsIssuerStoreHealthCheck>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await _store.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{_store.GetType().Name} serves.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(e, "The TLS issuer store {Store} failed its health check.", _store.GetType().Name);
            return new HealthCheckResult(context.Registration.FailureStatus, $"{_store.GetType().Name} failed: {e.GetType().Name}.");
        }
    }
}
