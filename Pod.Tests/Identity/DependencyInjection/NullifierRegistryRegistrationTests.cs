using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pod.Cryptography.Fields;
using Pod.Identity.Registry;
using Pod.Storage.PostgreSql;
using Pod.Storage.Sqlite;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Identity.DependencyInjection;

/// <summary>AddPodNullifierRegistry and the storage packages' AddPod…NullifierStore: stores, validation at start, warm-up, health.</summary>
public sealed class NullifierRegistryRegistrationTests
{
    private static readonly Fr Scope = Fr.FromUInt64(77);
    private static readonly Fr Nullifier = Fr.FromUInt64(78);

    [Fact]
    public async Task InMemory_ResolvesAWorkingRegistry()
    {
        await using ServiceProvider provider = Build(s => s.AddPodInMemoryNullifierStore());

        var registry = provider.GetRequiredService<NullifierRegistry>();

        Assert.IsType<InMemoryNullifierStore>(provider.GetRequiredService<INullifierStore>());
        Assert.Same(registry, provider.GetRequiredService<NullifierRegistry>());
        Assert.Equal(RegistrationResult.FirstUse, await registry.RegisterAsync(Scope, Nullifier));
        Assert.Equal(RegistrationResult.AlreadyRegistered, await registry.RegisterAsync(Scope, Nullifier));
    }

    [Fact]
    public async Task Sqlite_KeepsRecordsAcrossContainers()
    {
        DirectoryInfo directory = Directory.CreateTempSubdirectory("pod-registry-di-");
        try
        {
            string path = Path.Combine(directory.FullName, "nullifiers.db");
            await using (ServiceProvider provider = Build(s => s.AddPodSqliteNullifierStore(o => o.Path = path)))
            {
                var store = Assert.IsType<SqliteNullifierStore>(provider.GetRequiredService<INullifierStore>());
                Assert.Equal(path, store.Path);
                Assert.Equal(RegistrationResult.FirstUse, await provider.GetRequiredService<NullifierRegistry>().RegisterAsync(Scope, Nullifier));
            }

            // Disposing the container disposed the store (its pool is closed), so a new one opens the file afresh.
            await using (ServiceProvider provider = Build(s => s.AddPodSqliteNullifierStore(o => o.Path = path)))
            {
                Assert.Equal(RegistrationResult.AlreadyRegistered, await provider.GetRequiredService<NullifierRegistry>().RegisterAsync(Scope, Nullifier));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Postgres_ResolvesAWorkingRegistry()
    {
        string connectionString = PostgresTestServer.ConnectionString;
        string schema = PostgresTestServer.NewSchemaName();
        try
        {
            await using ServiceProvider provider = Build(s => s.AddPodPostgreSqlNullifierStore(o =>
            {
                o.ConnectionString = connectionString;
                o.Schema = schema;
            }));

            var store = Assert.IsType<PostgresNullifierStore>(provider.GetRequiredService<INullifierStore>());
            var registry = provider.GetRequiredService<NullifierRegistry>();
            Assert.Equal(schema, store.Schema);
            Assert.Equal(VoteResult.Recorded, await registry.CastVoteAsync(Scope, Nullifier, Fr.One));
            Assert.Equal(1, (await registry.TallyAsync(Scope)).CountOf(Fr.One));
        }
        finally
        {
            await PostgresTestServer.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task StoreRegisteredBefore_IsKeptByTheInMemoryRegistration()
    {
        var mine = new InMemoryNullifierStore();
        await using ServiceProvider provider = Build(s => s.AddSingleton<INullifierStore>(mine).AddPodInMemoryNullifierStore());

        await provider.GetRequiredService<NullifierRegistry>().RegisterAsync(Scope, Nullifier);

        Assert.Equal(RegistrationResult.AlreadyRegistered, await mine.RegisterAsync(Scope, Nullifier));
    }

    [Fact]
    public async Task NoStore_ResolvingTheRegistryNamesTheRegistrations()
    {
        await using ServiceProvider provider = Build(s => s.AddPodNullifierRegistry());

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<NullifierRegistry>());

        Assert.Contains("AddPodSqliteNullifierStore", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Action<IServiceCollection>> BadSettings => new()
    {
        { "SqliteNullifierStoreOptions.Path", s => s.AddPodSqliteNullifierStore(o => o.Path = " ") },
        { "SqliteNullifierStoreOptions.BusyTimeout", s => s.AddPodSqliteNullifierStore(o => { o.Path = "never-opened.db"; o.BusyTimeout = TimeSpan.FromMilliseconds(1500); }) },
        { "PostgreSqlNullifierStoreOptions.ConnectionString", s => s.AddPodPostgreSqlNullifierStore(o => o.ConnectionString = null) },
        { "PostgreSqlNullifierStoreOptions.ConnectionString", s => s.AddPodPostgreSqlNullifierStore(o => o.ConnectionString = "Nonsense Key=1") },
        { "PostgreSqlNullifierStoreOptions.Schema", s => s.AddPodPostgreSqlNullifierStore(o => { o.ConnectionString = "Host=127.0.0.1"; o.Schema = "Bad-Name"; }) },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task BadSetting_FailsTheHostStart_NamingIt(string setting, Action<IServiceCollection> register)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        register(builder.Services);
        using IHost host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(setting, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists("never-opened.db"));
    }

    [Fact]
    public async Task HostStart_WarmsTheStoreUp_AndTheHealthCheckFollowsTheFile()
    {
        DirectoryInfo directory = Directory.CreateTempSubdirectory("pod-registry-host-");
        try
        {
            string path = Path.Combine(directory.FullName, "nullifiers.db");
            HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddPodSqliteNullifierStore(o => o.Path = path);
            builder.Services.AddHealthChecks().AddPodNullifierStore(tags: ["ready"]);
            using IHost host = builder.Build();

            // The constructor touches nothing; the start creates the file and its tables.
            Assert.False(File.Exists(path));
            await host.StartAsync();
            Assert.True(File.Exists(path));

            HealthCheckService health = host.Services.GetRequiredService<HealthCheckService>();
            HealthReport healthy = await health.CheckHealthAsync();
            Assert.Equal(HealthStatus.Healthy, healthy.Entries["pod-nullifier-store"].Status);

            File.Delete(path);
            HealthReport unhealthy = await health.CheckHealthAsync();
            Assert.Equal(HealthStatus.Unhealthy, unhealthy.Entries["pod-nullifier-store"].Status);
            Assert.Contains(nameof(DatabaseFileReplacedException), unhealthy.Entries["pod-nullifier-store"].Description, StringComparison.Ordinal);
            await host.StopAsync();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task HostStart_StoreThatCannotOpen_FailsTheStart()
    {
        DirectoryInfo directory = Directory.CreateTempSubdirectory("pod-registry-host-");
        try
        {
            string path = Path.Combine(directory.FullName, "missing-directory", "nullifiers.db");
            HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddPodSqliteNullifierStore(o => o.Path = path);
            using IHost host = builder.Build();

            await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => host.StartAsync());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void NullArguments_Throw()
    {
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddPodNullifierRegistry()).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddPodInMemoryNullifierStore()).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddPodSqliteNullifierStore(null!)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddPodPostgreSqlNullifierStore(null!)).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => ((IHealthChecksBuilder)null!).AddPodNullifierStore()).ParamName);
    }

    private static ServiceProvider Build(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
