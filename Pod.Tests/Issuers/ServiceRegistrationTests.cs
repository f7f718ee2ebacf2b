using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pod.Storage.Sqlite;
using Pod.Storage.PostgreSql;
using Pod.Cryptography.Signatures;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Simulation;
using Pod.Issuers.Tls.Storage;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Issuers;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public async Task AddPodSimulatedAttestation_Development_IssuesWithItsOwnSignerAndUsesInjectedClockAndStore()
    {
        using var enclave = new SimulatedEnclave();
        enclave.StartSession(IssuerHarness.Start.AddHours(1));
        using var issuerKey = EdDsaPrivateKey.Generate();
        var store = new InMemoryTlsIssuerStore();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Services.AddSingleton<TimeProvider>(new ManualTimeProvider(IssuerHarness.Start));
        builder.Services.AddSingleton<ITlsIssuerStore>(store);
        builder.Services.AddPodTlsIssuer(o =>
        {
            o.IssuerKey = issuerKey;
            o.UidKey = new byte[32];
            o.Policy.AllowedMrEnclaves.Add(SimulatedEnclave.DefaultMrEnclaveHex);
            o.Providers.Add(ProviderSpec.Parse(IssuerHarness.SpecJson));
        });
        builder.Services.AddPodSimulatedAttestation(o => o.RootPublicKey = enclave.ExportRootPublicKey());
        using IHost host = builder.Build();
        await host.StartAsync();
        TlsPodIssuer issuer = host.Services.GetRequiredService<TlsPodIssuer>();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        NonceGrant grant = await issuer.CreateNonceAsync();
        byte[] payload = IssuerHarness.Payload(grant.Nonce, owner.PublicKey.ToString(), IssuerHarness.Start, IssuerHarness.Response());

        TlsIssuanceResult result = await issuer.IssueAsync(new TlsIssuanceRequest("kyc.demo.v1", payload, enclave.Notarize(payload), owner.PublicKey.ToString()));

        Assert.True(result.Succeeded, result.ToString());
        Assert.True(issuer.AcceptsSimulatedEvidence);
        Assert.NotNull(issuer.SimulatedIssuerPublicKey);
        Assert.NotEqual(issuerKey.PublicKey, issuer.SimulatedIssuerPublicKey.Value);
        Assert.Equal(issuer.SimulatedIssuerPublicKey.Value, result.Pod.SignerPublicKey); // never the production key
        Assert.Equal(new TlsIssuerStoreCounts(1, 1, 1, 1), await store.GetCountsAsync(default));
        await host.StopAsync();
    }

    /// <summary>Where the simulation may run: a (host environment, AllowInProduction) pair and whether the host starts.</summary>
    public static TheoryData<string, bool, bool> SimulationEnvironments => new()
    {
        { Environments.Development, false, true },
        { Environments.Staging, false, true },
        { Environments.Production, false, false },
        { Environments.Production, true, true },
    };

    [Theory]
    [MemberData(nameof(SimulationEnvironments))]
    public async Task AddPodSimulatedAttestation_ProductionEnvironment_RefusedUnlessExplicitlyAllowed(string environment, bool allowInProduction, bool starts)
    {
        using var enclave = new SimulatedEnclave();
        using var issuerKey = EdDsaPrivateKey.Generate();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Services.AddPodTlsIssuer(o =>
        {
            o.IssuerKey = issuerKey;
            o.UidKey = new byte[32];
            o.UseInMemoryStore = true;
        });
        builder.Services.AddPodSimulatedAttestation(o =>
        {
            o.RootPublicKey = enclave.ExportRootPublicKey();
            o.AllowInProduction = allowInProduction;
        });
        using IHost host = builder.Build();

        if (starts)
        {
            await host.StartAsync();
            Assert.True(host.Services.GetRequiredService<TlsPodIssuer>().AcceptsSimulatedEvidence);
            await host.StopAsync();
        }
        else
        {
            var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
            Assert.Contains("Production", e.Message, StringComparison.Ordinal);
            Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<TlsPodIssuer>()); // nor by resolving it
        }
    }

    [Fact]
    public async Task AddPodSimulatedAttestation_NoHostEnvironment_TreatedAsProductionAndRefused()
    {
        using var enclave = new SimulatedEnclave();
        using var issuerKey = EdDsaPrivateKey.Generate();
        var services = new ServiceCollection();
        services.AddPodTlsIssuer(o =>
        {
            o.IssuerKey = issuerKey;
            o.UidKey = new byte[32];
            o.UseInMemoryStore = true;
        });
        services.AddPodSimulatedAttestation(o => o.RootPublicKey = enclave.ExportRootPublicKey());
        await using ServiceProvider provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<TlsPodIssuer>());

        Assert.Contains("Production", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPodSimulatedAttestation_WithoutRoot_FailsTheHostStart_NamingIt()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Services.AddPodSimulatedAttestation(o => { });
        using IHost host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("SimulatedAttestationOptions.RootPublicKey", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPodSimulatedAttestation_SimulatedIssuerKeyIsTheProductionKey_Refused()
    {
        using var enclave = new SimulatedEnclave();
        using var issuerKey = EdDsaPrivateKey.Generate();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Services.AddPodTlsIssuer(o =>
        {
            o.IssuerKey = issuerKey;
            o.SimulatedIssuerKey = issuerKey;
            o.UidKey = new byte[32];
            o.UseInMemoryStore = true;
        });
        builder.Services.AddPodSimulatedAttestation(o => o.RootPublicKey = enclave.ExportRootPublicKey());
        using IHost host = builder.Build();

        var e = Assert.Throws<ArgumentException>(() => host.Services.GetRequiredService<TlsPodIssuer>());

        Assert.Contains("SimulatedIssuerKey other than the IssuerKey", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPodTlsIssuer_SimulatedVerifierRegisteredByHand_Refused()
    {
        using var enclave = new SimulatedEnclave();
        using var issuerKey = EdDsaPrivateKey.Generate();
        var services = new ServiceCollection();
        services.AddSingleton<IAttestationVerifier>(new SimulatedEnclaveVerifier(enclave.ExportRootPublicKey()));
        services.AddPodTlsIssuer(o =>
        {
            o.IssuerKey = issuerKey;
            o.UidKey = new byte[32];
            o.UseInMemoryStore = true;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        var e = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<TlsPodIssuer>());

        Assert.Contains("AllowSimulatedEvidence is false", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPodTlsIssuer_NoStore_ResolvingTheIssuerNamesTheRegistrations_AndNoSimulatedEvidence()
    {
        using var issuerKey = EdDsaPrivateKey.Generate();
        var services = new ServiceCollection();
        services.AddPodTlsIssuer(o =>
        {
            o.IssuerKey = issuerKey;
            o.UidKey = Enumerable.Repeat((byte)0xAB, 32).ToArray();
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<TlsPodIssuer>());
        Assert.Contains("AddPodSqliteTlsIssuerStore", e.Message, StringComparison.Ordinal);

        string text = provider.GetRequiredService<IOptions<TlsIssuerOptions>>().Value.ToString();
        Assert.DoesNotContain("ABAB", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("q6ur", text, StringComparison.Ordinal);
        Assert.DoesNotContain(issuerKey.ExportBase64(), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPodPostgreSqlTlsIssuerStore_PostgresStoreInTheSchemaDisposedWithTheContainer()
    {
        string schema = PostgresTestServer.NewSchemaName();
        try
        {
            using var issuerKey = EdDsaPrivateKey.Generate();
            var services = new ServiceCollection();
            services.AddPodTlsIssuer(o =>
            {
                o.IssuerKey = issuerKey;
                o.UidKey = new byte[32];
            });
            services.AddPodPostgreSqlTlsIssuerStore(o =>
            {
                o.ConnectionString = PostgresTestServer.ConnectionString;
                o.Schema = schema;
            });
            PostgresTlsIssuerStore store;
            await using (ServiceProvider provider = services.BuildServiceProvider())
            {
                store = Assert.IsType<PostgresTlsIssuerStore>(provider.GetRequiredService<ITlsIssuerStore>());
                Assert.Equal(schema, store.Schema);
                Assert.False(provider.GetRequiredService<TlsPodIssuer>().AcceptsSimulatedEvidence);
                NonceGrant grant = await provider.GetRequiredService<TlsPodIssuer>().CreateNonceAsync();
                Assert.Equal(IssuanceSessionState.Created, (await store.GetSessionAsync(grant.SessionId, DateTimeOffset.UtcNow, default))!.State);
            }

            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.GetCountsAsync(default));
        }
        finally
        {
            await PostgresTestServer.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task AddPodSqliteTlsIssuerStore_HostStartCreatesTheDatabase_HealthCheckReportsIt()
    {
        using var issuerKey = EdDsaPrivateKey.Generate();
        DirectoryInfo directory = Directory.CreateTempSubdirectory("pod-tls-di-");
        try
        {
            string path = Path.Combine(directory.FullName, "issuer.db");
            HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddPodTlsIssuer(o =>
            {
                o.IssuerKey = issuerKey;
                o.UidKey = new byte[32];
            });
            builder.Services.AddPodSqliteTlsIssuerStore(o => o.ConnectionString = $"Data Source={path}");
            builder.Services.AddHealthChecks().AddPodTlsIssuerStore();
            using (IHost host = builder.Build())
            {
                Assert.IsType<SqliteTlsIssuerStore>(host.Services.GetRequiredService<ITlsIssuerStore>());
                Assert.False(File.Exists(path));
                await host.StartAsync();
                Assert.True(File.Exists(path));
                HealthReport report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
                Assert.Equal(HealthStatus.Healthy, report.Entries["pod-tls-issuer-store"].Status);
                await host.StopAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    public static TheoryData<string, Action<TlsIssuerOptions>> BadIssuerSettings => new()
    {
        { "TlsIssuerOptions.IssuerKey", o => o.IssuerKey = null },
        { "TlsIssuerOptions.UidKey", o => o.UidKey = new byte[31] },
        { "TlsIssuerOptions.AllowSimulatedEvidence", o => o.AllowSimulatedEvidence = true },
        { "TlsIssuerOptions.ReclaimThreshold", o => { o.ReclaimAttestors.Add("0x0000000000000000000000000000000000000001"); o.ReclaimThreshold = 2; } },
        { "TlsIssuerOptions.NonceLifetime", o => o.NonceLifetime = TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(BadIssuerSettings))]
    public async Task AddPodTlsIssuer_BadSetting_FailsTheHostStart_NamingIt(string setting, Action<TlsIssuerOptions> spoil)
    {
        using var issuerKey = EdDsaPrivateKey.Generate();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPodTlsIssuer(o =>
        {
            o.IssuerKey = issuerKey;
            o.UidKey = new byte[32];
            o.UseInMemoryStore = true;
            spoil(o);
        });
        using IHost host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(setting, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPodSqliteTlsIssuerStore_EmptyConnectionString_FailsTheHostStart()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPodSqliteTlsIssuerStore(o => o.ConnectionString = "");
        using IHost host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("SqliteTlsIssuerStoreOptions.ConnectionString", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPodPostgreSqlTlsIssuerStore_PasswordNeverInTheValidationMessage()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPodPostgreSqlTlsIssuerStore(o =>
        {
            o.ConnectionString = "Host=127.0.0.1;Username=pod;Password=secret-pw;Database=pod";
            o.Schema = "Bad-Name";
        });
        using IHost host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PostgreSqlTlsIssuerStoreOptions.Schema", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", e.Message, StringComparison.Ordinal);
    }
}
