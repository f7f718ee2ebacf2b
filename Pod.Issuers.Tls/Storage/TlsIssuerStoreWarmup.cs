using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pod.Issuers.Tls.Storage;

/// <summary>
/// Warms the registered <see cref="ITlsIssuerStore"/> up when the host starts (<see cref="ITlsIssuerStore.CheckHealthAsync"/>
/// creates or migrates a database's schema), so a database that cannot serve stops the start rather than the first request.
/// </summary>
internal sealed class TlsIssuerStoreWarmup(IServiceProvider services, ILogger<TlsIssuerStoreWarmup>? logger = null) : IHostedService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ITlsIssuerStore store = services.GetRequiredService<ITlsIssuerStore>();
        await store.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("The TLS issuer store {Store} is ready.", store.GetType().Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
