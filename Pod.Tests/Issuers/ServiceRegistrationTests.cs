using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
    public async Task AddPodTlsIssuer_SimulatedDevelopmentSetup_IssuesAndUsesInjectedClockAndStore()
    {
        using var enclave = new SimulatedEnclave();
        enclave.StartSession(IssuerHarness.Start.AddHours(1));
        using var issuerKey = EdDsaPrivateKey.Generate();
        using var simulatedKey = EdDsaPrivateKey.Generate();
        var store = new InMemoryTlsIssuerStore();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider(IssuerHarness.Start));
        services.AddSingleton<ITlsIssuerStore>(store);
        services.AddPodTlsIssuer(o =>
        {
            o.IssuerKey = issuerKey;
            o.SimulatedIssuerKey = simulatedKey;
            o.UidKey = new byte[32];
            o.AllowSimulatedEvidence = true;
            o.SimulatedRootPublicKey = enclave.ExportRootPublicKey();
            o.Policy.AllowedMrEnclaves.Add(SimulatedEnclave.DefaultMrEnclaveHex);
            o.Providers.Add(ProviderSpec.Parse(IssuerHarness.SpecJson));
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        TlsPodIssuer issuer = provider.GetRequiredService<TlsPodIssuer>();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        NonceGrant grant = await issuer.CreateNonceAsync();
        byte[] payload = IssuerHarness.Payload(grant.Nonce, owner.PublicKey.ToString(), IssuerHarness.Start, IssuerHarness.Response());

        TlsIssuanceResult result = await issuer.IssueAsync(new TlsIssuanceRequest("kyc.demo.v1", payload, enclave.Notarize(payload), owner.PublicKey.ToString()));

        Assert.True(result.Succeeded, result.ToString());
        Assert.True(issuer.AcceptsSimulatedEvidence);
        Assert.Equal(new TlsIssuerStoreCounts(1, 1, 1, 1), await store.GetCountsAsync(default));
    }

    [Fact]
    public async Task AddPodTlsIssuer_SimulatedWithoutRoot_OptionsValidationException()
    {
        using var issuerKey = EdDsaPrivateKey.Generate();
        var services = new ServiceCollection();
        services.AddPodTlsIssuer(o =>
        {
            o.IssuerKey = issuerKey;
            o.UidKey = new byte[32];
            o.AllowSimulatedEvidence = true;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<TlsPodIssuer>());
    }

    [Fact]
    public async Task AddPodTlsIssuer_Defaults_SqliteStoreAndNoSimulatedEvidence()
    {
        using var issuerKey = EdDsaPrivateKey.Generate();
        var services = new ServiceCollection();
        services.AddPodTlsIssuer(o =>
        {
            o.IssuerKey = issuerKey;
            o.UidKey = Enumerable.Repeat((byte)0xAB, 32).ToArray();
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        Assert.False(provider.GetRequiredService<TlsPodIssuer>().AcceptsSimulatedEvidence);
        Assert.IsType<SqliteTlsIssuerStore>(provider.GetRequiredService<ITlsIssuerStore>());
        Assert.True(File.Exists("pod-tls-issuer.db"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string file in new[] { "pod-tls-issuer.db", "pod-tls-issuer.db-wal", "pod-tls-issuer.db-shm" })
        {
            File.Delete(file);
        }

        string text = provider.GetRequiredService<IOptions<TlsIssuerOptions>>().Value.ToString();
        Assert.DoesNotContain("ABAB", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("q6ur", text, StringComparison.Ordinal);
        Assert.DoesNotContain(issuerKey.ExportBase64(), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPodTlsIssuer_PostgresConnectionString_PostgresStoreInTheSchemaDisposedWithTheContainer()
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
                o.PostgresConnectionString = PostgresTestServer.ConnectionString;
                o.PostgresSchema = schema;
            });
            PostgresTlsIssuerStore store;
            await using (ServiceProvider provider = services.BuildServiceProvider())
            {
                store = Assert.IsType<PostgresTlsIssuerStore>(provider.GetRequiredService<ITlsIssuerStore>());
                Assert.Equal(schema, store.Schema);
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
    public async Task AddPodTlsIssuer_SqliteConnectionString_SqliteStore()
    {
        using var issuerKey = EdDsaPrivateKey.Generate();
        DirectoryInfo directory = Directory.CreateTempSubdirectory("pod-tls-di-");
        try
        {
            var services = new ServiceCollection();
            services.AddPodTlsIssuer(o =>
            {
                o.IssuerKey = issuerKey;
                o.UidKey = new byte[32];
                o.SqliteConnectionString = $"Data Source={Path.Combine(directory.FullName, "issuer.db")}";
            });
            await using ServiceProvider provider = services.BuildServiceProvider();
            Assert.IsType<SqliteTlsIssuerStore>(provider.GetRequiredService<ITlsIssuerStore>());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AddPodTlsIssuer_BothConnectionStrings_OptionsValidationException()
    {
        using var issuerKey = EdDsaPrivateKey.Generate();
        var services = new ServiceCollection();
        services.AddPodTlsIssuer(o =>
        {
            o.IssuerKey = issuerKey;
            o.UidKey = new byte[32];
            o.SqliteConnectionString = "Data Source=never-opened.db";
            o.PostgresConnectionString = "Host=127.0.0.1;Username=pod;Password=pod;Database=pod";
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<TlsPodIssuer>());

        Assert.Contains("TlsIssuerOptions.PostgresConnectionString", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists("never-opened.db"));
    }
}
