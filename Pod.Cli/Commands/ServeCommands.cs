using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pod.Gpc.Requests;
using Pod.Hosting;

namespace Pod.Cli.Commands;

/// <summary>
/// <c>pod issuer serve</c> and <c>pod verifier serve</c>: Pod.Hosting's services on Kestrel until Ctrl+C or SIGTERM. The
/// settings come from <c>appsettings.json</c> in the working directory (or <c>--config FILE</c>) and
/// <c>appsettings.{Environment}.json</c> beside it, then environment variables prefixed <c>POD_</c>
/// (<c>POD_Verifier__TrustedSigners__0=...</c>), then <c>--urls</c>; the environment is <c>ASPNETCORE_ENVIRONMENT</c>
/// (Production unless set). docs/serving.md lists the settings.
/// </summary>
internal static class ServeCommands
{
    /// <summary>Where the services listen unless <c>--urls</c> or the <c>Urls</c> setting says otherwise: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>The prefix of the environment variables read as settings.</summary>
    public const string EnvironmentPrefix = "POD_";

    public static Command Issuer(Func<ParseResult, CliOutput> outputFor) => new("issuer", "The TLS issuer service (docs/tls-issuer.md): serve.")
    {
        Serve("the TLS issuer service: POST /nonce, POST /issue, GET /sessions/{id}, GET /health", PodTlsIssuerServiceOptions.SectionName, outputFor,
            (builder, section) => builder.AddPodTlsIssuerService(section), app => app.MapPodTlsIssuer()),
    };

    public static Command Verifier(Func<ParseResult, CliOutput> outputFor) => new("verifier", "The GPC verifier service (docs/verifying.md): serve.")
    {
        Serve("the GPC verifier service: GET /request, POST /verify, GET /health", PodGpcVerifierServiceOptions.SectionName, outputFor,
            (builder, section) =>
            {
                // Registered first, so it runs before the stores' warm-ups (the settings are validated before either).
                builder.Services.AddHostedService(sp => new VerifierArtifactsCheck(sp.GetRequiredService<GpcRequestVerifier>(), section.Path));
                builder.AddPodGpcVerifierService(section);
            },
            app => app.MapPodGpcVerifier()),
    };

    private static Command Serve(string what, string sectionName, Func<ParseResult, CliOutput> outputFor,
        Action<WebApplicationBuilder, IConfigurationSection> add, Action<WebApplication> map)
    {
        var config = new Option<string>("--config") { Description = "The settings file (JSON); default: appsettings.json in the working directory, if there is one." };
        var urls = new Option<string>("--urls") { Description = $"Where to listen, separated by ';' (default: the Urls setting, else {DefaultUrls}; port 0 picks a free port)." };
        var serve = new Command("serve", $"Run {what}, until Ctrl+C or SIGTERM; settings in section \"{sectionName}\" (docs/serving.md).") { config, urls };
        serve.SetAction(result => Run(result.GetValue(config), result.GetValue(urls), sectionName, outputFor(result), add, map));
        return serve;
    }

    private static int Run(string? configFile, string? urls, string sectionName, CliOutput output,
        Action<WebApplicationBuilder, IConfigurationSection> add, Action<WebApplication> map)
    {
        if (configFile is not null && !File.Exists(configFile))
        {
            throw new CliInputException($"{configFile}: no such settings file.");
        }

        // The default builder reads appsettings.json from its content root: the settings file's folder, so a stray file elsewhere is never read.
        string file = Path.GetFullPath(configFile ?? Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"));
        WebApplicationBuilder builder;
        try
        {
            builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetDirectoryName(file) });

            // Only the sources documented for the tool: not every unprefixed environment variable, as the default builder reads.
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddJsonFile(file, optional: configFile is null, reloadOnChange: false);
            builder.Configuration.AddJsonFile(
                Path.Combine(Path.GetDirectoryName(file)!, $"appsettings.{builder.Environment.EnvironmentName}.json"), optional: true, reloadOnChange: false);
        }
        catch (InvalidDataException e)
        {
            throw new CliInputException($"{e.Message} {e.InnerException?.InnerException?.Message ?? e.InnerException?.Message}".ReplaceLineEndings(" "), e);
        }

        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);

        // The service's log goes to standard error, so standard output carries only the tool's result (one JSON object with --json).
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        // A start refused for its settings is one line from the tool, not the host's stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.WebHost.UseUrls(urls ?? builder.Configuration["Urls"] ?? DefaultUrls);

        WebApplication app;
        try
        {
            add(builder, builder.Configuration.GetSection(sectionName));
            app = builder.Build();
        }
        catch (Exception e) when (e is OptionsValidationException or FormatException or InvalidOperationException)
        {
            // InvalidOperationException: the configuration binder's "Failed to convert configuration value at 'Verifier:...'".
            throw new CliInputException(Message(e), e);
        }

        return RunAsync(app, sectionName, output, map).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(WebApplication app, string sectionName, CliOutput output, Action<WebApplication> map)
    {
        await using (app)
        {
            map(app);
            try
            {
                await app.StartAsync();
            }
            catch (Exception e) when (e is OptionsValidationException or FormatException or IOException
                || (e is AggregateException all && all.InnerExceptions.All(i => i is OptionsValidationException)))
            {
                // IOException: Kestrel could not bind (address in use, no such address).
                throw new CliInputException(Message(e), e);
            }

            string[] addresses = [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
            string environment = app.Environment.EnvironmentName;
            output.Result(
                new JsonObject { ["service"] = sectionName.ToLowerInvariant(), ["environment"] = environment, ["addresses"] = new JsonArray([.. addresses.Select(a => JsonValue.Create(a))]) },
                $"pod {sectionName.ToLowerInvariant()} serve: listening on {string.Join(", ", addresses)} ({environment}); Ctrl+C stops.");
            await app.WaitForShutdownAsync();
            return ExitCodes.Success;
        }
    }

    /// <summary>
    /// The tool's verifier refuses to start without the verification keys of the circuits it accepts, so a wrong
    /// <c>ArtifactsDirectory</c> is exit code 2 at start, not a service answering <c>artifacts_unavailable</c> to every
    /// request. (A host built on Pod.Hosting starts without them and picks them up once installed.)
    /// </summary>
    private sealed class VerifierArtifactsCheck(GpcRequestVerifier verifier, string section) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!verifier.TryLoadVerificationKeys(out string? problem))
            {
                string setting = $"{section}:ArtifactsDirectory";
                throw new OptionsValidationException(setting, typeof(PodGpcVerifierServiceOptions),
                    [$"{setting}: the verification keys cannot be read: {problem}"]);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>One line: the first failure of a validation (it names the setting), or the exception's message.</summary>
    private static string Message(Exception e) => e switch
    {
        AggregateException all => Message(all.InnerExceptions[0]),
        OptionsValidationException v when v.Failures.FirstOrDefault() is { } first => first.ReplaceLineEndings(" "),
        _ => e.Message.ReplaceLineEndings(" "),
    };
}
