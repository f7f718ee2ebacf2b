using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Pod.Hosting;

/// <summary>
/// Opens the service's store when the host starts, before the store's own warm-up, and refuses the start with the setting
/// at fault named when the store cannot serve: a PostgreSQL server that cannot be reached or refuses the credentials, a
/// SQLite file that cannot be opened or created. The refusal is an <see cref="OptionsValidationException"/>, as for any
/// other unusable setting, so a host (and <c>pod ... serve</c>) reports one line rather than a driver's stack trace.
/// </summary>
/// <remarks>
/// The message carries the driver's reason (a host and port, an SQLite error) and never the connection string: its
/// password, if a driver's message ever quoted it, is masked.
/// </remarks>
internal sealed class StoreStartupCheck<TStore>(IServiceProvider services, string section, PodStoreSettings settings, string defaultPath,
    Func<TStore, CancellationToken, Task> check) : IHostedService
    where TStore : class
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Resolving builds the store (a malformed connection string throws here), the check opens it.
            await check(services.GetRequiredService<TStore>(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or ArgumentException or IOException
            or UnauthorizedAccessException or TimeoutException)
        {
            (string setting, string what) = settings.Kind == PodStoreKind.PostgreSql
                ? ($"{section}:ConnectionString", "the PostgreSQL database cannot be used")
                : ($"{section}:Path", $"the SQLite file {Path.GetFullPath(settings.Path ?? defaultPath)} cannot be opened");
            string reason = e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal)
                ? $"{e.Message} ({inner.Message})"
                : e.Message;
            throw new OptionsValidationException(setting, typeof(PodStoreSettings), [$"{setting}: {what}: {Masked(reason)}".ReplaceLineEndings(" ")]);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private string Masked(string reason)
    {
        if (settings.Kind != PodStoreKind.PostgreSql || settings.ConnectionString is not { } connectionString)
        {
            return reason;
        }

        string? password;
        try
        {
            password = new NpgsqlConnectionStringBuilder(connectionString).Password;
        }
        catch (ArgumentException)
        {
            // Unparsable: its parts cannot be told apart, so none of it may appear.
            return reason.Replace(connectionString, "***", StringComparison.Ordinal);
        }

        return string.IsNullOrEmpty(password) ? reason : reason.Replace(password, "***", StringComparison.Ordinal);
    }
}
