using System.Net;
using Pod.Hosting;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Simulation;
using Pod.Samples.Demo;

namespace Pod.Samples.TlsIssuer;

/// <summary>
/// The sample's issuer service: Pod.Hosting's (<see cref="PodServiceHostingExtensions.AddPodTlsIssuerService"/>) on
/// 127.0.0.1 with keys and an in-process simulated enclave given in code, plus the demo pages and, where simulated
/// evidence is accepted, the simulated provider (docs/demo.md).
/// </summary>
internal static class TlsIssuerService
{
    /// <summary>The provider spec embedded for the demo: a KYC provider whose approved response yields an identity POD.</summary>
    public const string DemoSpec = """
        { "id": "kyc.demo.v1", "evidence": ["sim-v1", "sgx-dcap-v3"],
          "request": { "method": "GET", "url": "^https://kyc\\.example\\.com/v1/status$", "status": [200] },
          "accept": [ { "path": "$.status", "equals": "approved" } ],
          "claims": [
            { "entry": "birth_date", "path": "$.person.dob", "type": "date", "required": true },
            { "entry": "nationality", "path": "$.person.country", "type": "string", "transform": "upper", "required": true },
            { "entry": "document_type", "path": "$.document.type", "type": "string", "allowed": ["PASSPORT", "NATIONAL_ID"] },
            { "entry": "liveness_check", "path": "$.liveness", "type": "boolean" } ],
          "uid": { "class": "kyc.demo", "inputs": ["$.person.country", "$.document.number"], "normalize": ["nfkc", "trim", "upper", "strip:- "] },
          "derived": [ { "entry": "age_over_18", "op": "ageAtLeast", "from": "birth_date", "years": 18 } ] }
        """;

    /// <summary>
    /// Builds the service on 127.0.0.1 (any free port). Simulated evidence is accepted only in the Development environment and
    /// when an enclave is given. The state goes to the SQLite file <paramref name="sqlitePath"/>, or memory when none is given;
    /// the rate limit is <paramref name="rateLimit"/> (or 60 a minute) with the <c>RateLimit</c> settings of the configuration.
    /// </summary>
    public static WebApplication Build(string environment, SimulatedEnclave? simulated, Action<TlsIssuerOptions> configure, ClientRateLimit? rateLimit = null,
        TimeProvider? time = null, string? sqlitePath = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        bool allowSimulated = builder.Environment.IsDevelopment() && simulated is not null;
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Issuer:Store:Kind"] = sqlitePath is null ? nameof(PodStoreKind.Memory) : nameof(PodStoreKind.Sqlite),
            ["Issuer:Store:Path"] = sqlitePath,
        }).Build();

        builder.AddTlsIssuerService(settings.GetSection("Issuer"), o =>
        {
            configure(o);
            if (allowSimulated)
            {
                o.Policy.AllowedMrEnclaves.Add(simulated!.MrEnclaveHex);
            }
        }, rateLimit ?? new ClientRateLimit(), builder.Configuration.GetSection("RateLimit"));
        if (allowSimulated)
        {
            // Development only (the library refuses it in Production); simulated PODs get a signer of their own, made per process.
            builder.Services.AddPodSimulatedAttestation(o => o.RootPublicKey = simulated!.ExportRootPublicKey());
        }

        WebApplication app = builder.Build();
        app.MapPodTlsIssuer();

        // The demo pages (docs/demo.md); the simulated provider only where simulated evidence is accepted.
        if (allowSimulated)
        {
            app.MapDemoProvider(simulated!, time ?? TimeProvider.System);
        }

        app.MapDemoPages(DemoPages.FindWebRoot());
        return app;
    }
}
