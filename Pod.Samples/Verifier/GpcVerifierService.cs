using System.Net;
using Pod.Hosting;
using Pod.Samples.Demo;

namespace Pod.Samples.Verifier;

/// <summary>
/// The sample's verifier service: Pod.Hosting's (<see cref="PodServiceHostingExtensions.AddPodGpcVerifierService"/>) on
/// 127.0.0.1 with a template and a SQLite registry given in code, plus the demo pages and the circuit files they prove with.
/// </summary>
internal static class GpcVerifierService
{
    /// <summary>
    /// Builds the service, listening on 127.0.0.1 (port 0: any free port), with the shared hosting (Pod.Hosting): error bodies,
    /// JSON bodies only, the body limit, and a rate limit per client (<paramref name="rateLimit"/>, or 60 a minute, with the
    /// <c>RateLimit</c> settings of the configuration).
    /// </summary>
    public static WebApplication Build(GpcVerifierOptions options, int port = 0, ClientRateLimit? rateLimit = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (options.TimeProvider is { } time)
        {
            builder.Services.AddSingleton(time);
        }

        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Verifier:ArtifactsDirectory"] = options.ArtifactsDirectory,
            ["Verifier:Registry:Path"] = options.RegistryPath,
            ["Verifier:MaxRequestBodyBytes"] = options.MaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        builder.AddGpcVerifierService(settings.GetSection("Verifier"), o => o.Template = options.Template,
            rateLimit ?? new ClientRateLimit(), builder.Configuration.GetSection("RateLimit"));
        WebApplication app = builder.Build();
        app.MapPodGpcVerifier();

        // The demo pages (docs/demo.md) and the circuit files they prove with.
        app.MapGpcArtifacts(options.ArtifactsDirectory);
        app.MapDemoPages(DemoPages.FindWebRoot());
        return app;
    }
}
