using Pod.Issuers.Tls;

namespace Pod.Hosting;

/// <summary>
/// Purges the issuer's expired sessions on a schedule (<see cref="TlsPodIssuer.PurgeExpiredSessionsAsync"/>), so the store
/// holds about one retention period of sessions however long the service runs.
/// </summary>
internal sealed class SessionPurgeService(TlsPodIssuer issuer, TimeProvider time, ILogger<SessionPurgeService> logger) : BackgroundService
{
    /// <summary>How often the purge runs.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                long purged = await issuer.PurgeExpiredSessionsAsync(stoppingToken);
                if (purged > 0)
                {
                    logger.LogInformation("Purged {Count} expired issuance sessions.", purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next run retries; sessions only wait longer to go.
                logger.LogError("Purging expired sessions failed: {ExceptionType}", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
