using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pod.Cryptography.Fields;
using Pod.Identity.Registry;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Identity.DependencyInjection;

public sealed class AddPodIdentityTests
{
    private static readonly Fr Scope = Fr.FromUInt64(77);
    private static readonly Fr Nullifier = Fr.FromUInt64(78);

    [Fact]
    public async Task InMemory_ResolvesAWorkingRegistry()
    {
        await using ServiceProvider provider = Build(o => o.NullifierStore = NullifierStoreKind.InMemory);

        var registry = provider.GetRequiredService<NullifierRegistry>();

        Assert.IsType<InMemoryNullifierStore>(provider.GetRequiredService<INullifierStore>());
        Assert.Same(registry, provider.GetRequiredService<NullifierRegistry>());
        Assert.Equal(RegistrationResult.FirstUse, await registry.RegisterAsync(Scope, Nullifier));
        Assert.Equal(RegistrationResult.AlreadyRegistered, await registry.RegisterAsync(Scope, Nullifier));
    }

    [Fact]
    public async Task Sqlite_IsTheDefault_AndKeepsRecordsAcrossContainers()
    {
        DirectoryInfo directory = Directory.CreateTempSubdirectory("pod-registry-di-");
        try
        {
            string path = Path.Combine(directory.FullName, "nullifiers.db");
            await using (ServiceProvider provider = Build(o => o.SqlitePath = path))
            {
                var store = Assert.IsType<SqliteNullifierStore>(provider.GetRequiredService<INullifierStore>());
                Assert.Equal(path, store.Path);
                Assert.Equal(RegistrationResult.FirstUse, await provider.GetRequiredService<NullifierRegistry>().RegisterAsync(Scope, Nullifier));
            }

            // Disposing the container disposed the store (its pool is closed), so a new one opens the file afresh.
            await using (ServiceProvider provider = Build(o => o.SqlitePath = path))
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
            await using ServiceProvider provider = Build(o =>
            {
                o.NullifierStore = NullifierStoreKind.Postgres;
                o.PostgresConnectionString = connectionString;
                o.PostgresSchema = schema;
            });

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
    public async Task StoreRegisteredBefore_IsKept()
    {
        var mine = new InMemoryNullifierStore();
        var services = new ServiceCollection().AddSingleton<INullifierStore>(mine);
        services.AddPodIdentity(o => o.SqlitePath = "never-opened.db");
        await using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<NullifierRegistry>().RegisterAsync(Scope, Nullifier);

        Assert.Equal(RegistrationResult.AlreadyRegistered, await mine.RegisterAsync(Scope, Nullifier));
        Assert.False(File.Exists("never-opened.db"));
    }

    [Theory]
    [InlineData(NullifierStoreKind.Sqlite, "SqlitePath")]
    [InlineData(NullifierStoreKind.Postgres, "PostgresConnectionString")]
    [InlineData((NullifierStoreKind)42, "NullifierStore")]
    public async Task MissingSetting_FailsWhenResolved(NullifierStoreKind kind, string setting)
    {
        await using ServiceProvider provider = Build(o => o.NullifierStore = kind);

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<NullifierRegistry>());

        Assert.Contains($"PodIdentityOptions.{setting}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullArguments_Throw()
    {
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddPodIdentity(_ => { })).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddPodIdentity(null!)).ParamName);
    }

    private static ServiceProvider Build(Action<Pod.Identity.PodIdentityOptions> configure) =>
        new ServiceCollection().AddPodIdentity(configure).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
}
