using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pod.Identity.Registry;

namespace Pod.Identity.DependencyInjection;

/// <summary>
/// Warms the registered <see cref="INullifierStore"/> up when the host starts (<see cref="INullifierStore.CheckHealthAsync"/>
/// creates or migrates a database's schema), so a database that cannot serve stops the start rather than the first request.
/// </summary>
internal sealed class NullifierStoreWarmup(IServiceProvider services, ILogger<NullifierStoreWarmup>? logger = null) : IHostedService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // No store registered: resolving the registry says so; the warm-up has nothing to do.
        if (services.GetService<INullifierStore>() is not { } store)
        {
            return;
        }

        await store.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("The nullifier store {Store} is ready.", store.GetType().Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
