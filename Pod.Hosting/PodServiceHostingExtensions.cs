using Microsoft.Extensions.Options;
using Pod.Identity.Registry;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Simulation;
using Pod.Issuers.Tls.Storage;

namespace Pod.Hosting;

/// <summary>
/// Hosts Pod's two services in an ASP.NET Core application: the TLS issuer (<see cref="AddPodTlsIssuerService"/>,
/// <see cref="MapPodTlsIssuer"/>) and the GPC verifier (<see cref="AddPodGpcVerifierService"/>, <see cref="MapPodGpcVerifier"/>),
/// each configured from a configuration section (appsettings.json, environment variables) and validated when the host
/// starts. Both share one hosting layer: every error as <c>{code, description}</c>, JSON bodies only, a body limit, and a
/// fixed-window rate limit per client (the section's <c>RateLimit</c> subsection; docs/serving.md).
/// </summary>
/// <remarks>
/// One service per application: each registers the shared middleware. Where Kestrel listens is the host's choice
/// (<c>--urls</c>, the <c>Urls</c> setting, or <c>Listen</c>).
/// </remarks>
public static class PodServiceHostingExtensions
{
    private const string DefaultTlsIssuerStorePath = "pod-tls-issuer.db";
    private const string DefaultRegistryPath = "pod-nullifiers.db";

    /// <summary>
    /// Registers the TLS issuer service: <see cref="TlsPodIssuer"/> configured by <paramref name="configuration"/> (bound to
    /// <see cref="PodTlsIssuerServiceOptions"/>, validated at start with each failure naming its setting), its store, the
    /// purge of expired sessions, and the shared hosting. <paramref name="configure"/> runs after the settings were applied,
    /// for what code supplies (keys from a KMS, an attestation verifier's options).
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="configuration">The service's section, for example <c>builder.Configuration.GetSection("Issuer")</c>.</param>
    /// <param name="configure">Changes to the issuer's options after the settings, or null.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is null.</exception>
    /// <exception cref="OptionsValidationException"><c>MaxRequestBodyBytes</c> is not positive (the other settings are checked when the host starts).</exception>
    /// <exception cref="FormatException">A <c>RateLimit</c> setting is not a positive integer, address or network.</exception>
    public static WebApplicationBuilder AddPodTlsIssuerService(this WebApplicationBuilder builder, IConfiguration configuration, Action<TlsIssuerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddTlsIssuerService(configuration, configure, new ClientRateLimit(), configuration.GetSection("RateLimit"));
    }

    /// <summary>Adds the issuer service's middleware and endpoints (<c>/health</c>, <c>/nonce</c>, <c>/issue</c>, <c>/sessions/{id}</c>...); see docs/tls-issuer.md.</summary>
    /// <param name="app">The application, built from a builder that called <see cref="AddPodTlsIssuerService"/>.</param>
    /// <returns><paramref name="app"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="app"/> is null.</exception>
    public static WebApplication MapPodTlsIssuer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        TlsIssuerEndpoints.Map(app);
        return app;
    }

    /// <summary>
    /// Registers the GPC verifier service: a <c>GpcRequestVerifier</c> asking for what <paramref name="configuration"/> describes
    /// (bound to <see cref="PodGpcVerifierServiceOptions"/>, validated at start with each failure naming its setting), its
    /// nullifier registry, and the shared hosting. <paramref name="configure"/> runs after the settings were bound, for what
    /// code supplies (<see cref="PodGpcVerifierServiceOptions.Template"/>).
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="configuration">The service's section, for example <c>builder.Configuration.GetSection("Verifier")</c>.</param>
    /// <param name="configure">Changes to the settings after binding, or null.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is null.</exception>
    /// <exception cref="OptionsValidationException"><c>MaxRequestBodyBytes</c> is not positive (the other settings are checked when the host starts).</exception>
    /// <exception cref="FormatException">A <c>RateLimit</c> setting is not a positive integer, address or network.</exception>
    public static WebApplicationBuilder AddPodGpcVerifierService(this WebApplicationBuilder builder, IConfiguration configuration, Action<PodGpcVerifierServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddGpcVerifierService(configuration, configure, new ClientRateLimit(), configuration.GetSection("RateLimit"));
    }

    /// <summary>Adds the verifier service's middleware and endpoints (<c>GET /health</c>, <c>GET /request</c>, <c>POST /verify</c>); see docs/verifying.md.</summary>
    /// <param name="app">The application, built from a builder that called <see cref="AddPodGpcVerifierService"/>.</param>
    /// <returns><paramref name="app"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="app"/> is null.</exception>
    public static WebApplication MapPodGpcVerifier(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        GpcVerifierEndpoints.Map(app);
        return app;
    }

    /// <summary>The issuer with a rate limit given in code (merged with <paramref name="rateLimitSection"/>), as the samples and tests build it.</summary>
    internal static WebApplicationBuilder AddTlsIssuerService(this WebApplicationBuilder builder, IConfiguration configuration, Action<TlsIssuerOptions>? configure,
        ClientRateLimit rateLimit, IConfigurationSection rateLimitSection)
    {
        string path = SectionPath(configuration);
        PodTlsIssuerServiceOptions settings = Bind<PodTlsIssuerServiceOptions>(configuration);
        builder.AddServiceHosting(TlsIssuerEndpoints.ErrorCodes, PositiveBodyLimit(path, settings.MaxRequestBodyBytes), rateLimit.WithConfiguration(rateLimitSection));

        IServiceCollection services = builder.Services;
        services.AddOptions<PodTlsIssuerServiceOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PodTlsIssuerServiceOptions>>(sp =>
            new TlsIssuerSettingsValidator(path, sp.GetRequiredService<IHostEnvironment>(), codeConfigures: configure is not null));
        services.AddSingleton<TlsIssuerServiceKeys>();

        // Before the store's own warm-up: a store that cannot be opened stops the start naming its setting.
        services.AddHostedService(sp => new StoreStartupCheck<ITlsIssuerStore>(sp, Setting(path, "Store"), settings.Store, DefaultTlsIssuerStorePath,
            (store, ct) => store.CheckHealthAsync(ct).AsTask()));
        switch (settings.Store.Kind)
        {
            case PodStoreKind.Sqlite:
                string file = settings.Store.Path ?? DefaultTlsIssuerStorePath;
                services.AddPodSqliteTlsIssuerStore(o => o.ConnectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = file }.ToString());
                break;
            case PodStoreKind.PostgreSql:
                services.AddPodPostgreSqlTlsIssuerStore(o =>
                {
                    o.ConnectionString = settings.Store.ConnectionString;
                    o.Schema = settings.Store.Schema ?? o.Schema;
                });
                break;
        }

        // The settings first, then the code's changes, then the issuer's own validation.
        services.AddPodTlsIssuer(_ => { });
        services.AddOptions<TlsIssuerOptions>().Configure<IOptions<PodTlsIssuerServiceOptions>, TlsIssuerServiceKeys>((o, s, keys) => TlsIssuerSettings.Apply(s.Value, keys, o));
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (settings.Simulation.Enabled && TlsIssuerSettings.SimulationAllowed(settings.Simulation, builder.Environment))
        {
            // Development only: the library refuses it in Production unless the settings allow it outside development.
            services.AddPodSimulatedAttestation(o =>
            {
                o.RootPublicKey = TryBase64(settings.Simulation.RootPublicKey);
                o.AllowInProduction = settings.Simulation.AllowOutsideDevelopment;
            });
        }

        services.AddHostedService<SessionPurgeService>();
        return builder;
    }

    // A malformed key is named by the settings' validator; here it is only absent.
    private static byte[]? TryBase64(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out int written) ? bytes[..written] : null;
    }

    /// <summary>The verifier with a rate limit given in code (merged with <paramref name="rateLimitSection"/>), as the samples and tests build it.</summary>
    internal static WebApplicationBuilder AddGpcVerifierService(this WebApplicationBuilder builder, IConfiguration configuration, Action<PodGpcVerifierServiceOptions>? configure,
        ClientRateLimit rateLimit, IConfigurationSection rateLimitSection)
    {
        string path = SectionPath(configuration);
        PodGpcVerifierServiceOptions settings = Bind<PodGpcVerifierServiceOptions>(configuration);
        configure?.Invoke(settings);
        builder.AddServiceHosting(GpcVerifierEndpoints.HostingCodes, PositiveBodyLimit(path, settings.MaxRequestBodyBytes), rateLimit.WithConfiguration(rateLimitSection));

        IServiceCollection services = builder.Services;
        OptionsBuilder<PodGpcVerifierServiceOptions> options = services.AddOptions<PodGpcVerifierServiceOptions>().Bind(configuration);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<PodGpcVerifierServiceOptions>>(new GpcVerifierSettingsValidator(path));
        if (settings.Registry.Kind != PodStoreKind.Memory)
        {
            // Before the store's own warm-up: a registry that cannot be opened stops the start naming its setting.
            services.AddHostedService(sp => new StoreStartupCheck<INullifierStore>(sp, Setting(path, "Registry"), settings.Registry, DefaultRegistryPath,
                (store, ct) => store.CheckHealthAsync(ct)));
        }

        switch (settings.Registry.Kind)
        {
            case PodStoreKind.Sqlite:
                services.AddPodSqliteNullifierStore(o => o.Path = settings.Registry.Path ?? DefaultRegistryPath);
                break;
            case PodStoreKind.PostgreSql:
                services.AddPodPostgreSqlNullifierStore(o =>
                {
                    o.ConnectionString = settings.Registry.ConnectionString;
                    o.Schema = settings.Registry.Schema ?? o.Schema;
                });
                break;
            case PodStoreKind.Memory:
                services.AddPodInMemoryNullifierStore();
                break;
        }

        services.AddPodGpcVerifier(_ => { });
        services.AddOptions<Pod.Gpc.Requests.PodGpcVerifierOptions>().Configure<IOptions<PodGpcVerifierServiceOptions>>((o, s) =>
        {
            o.ArtifactsDirectory = s.Value.ArtifactsDirectory;
            o.Template = GpcVerifierSettings.Template(s.Value, path);
        });
        return builder;
    }

    private static T Bind<T>(IConfiguration configuration)
        where T : new()
    {
        var settings = new T();
        configuration.Bind(settings);
        return settings;
    }

    private static string SectionPath(IConfiguration configuration) => configuration is IConfigurationSection section ? section.Path : "";

    private static long PositiveBodyLimit(string path, long bytes) => bytes > 0
        ? bytes
        : throw new OptionsValidationException(Setting(path, "MaxRequestBodyBytes"), typeof(long), [$"{Setting(path, "MaxRequestBodyBytes")} is {bytes}: it must be a positive number of bytes."]);

    /// <summary>The full name of a setting, as a message names it: <c>Verifier:TrustedSigners:0</c>.</summary>
    internal static string Setting(string path, string name) => path.Length == 0 ? name : path + ":" + name;
}
