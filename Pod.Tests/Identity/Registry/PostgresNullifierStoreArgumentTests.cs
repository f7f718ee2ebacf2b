using Pod.Storage.PostgreSql;
using Xunit;

namespace Pod.Tests.Identity.Registry;

/// <summary>Argument checks of <see cref="PostgresNullifierStore"/>, which need no server: it connects at the first call.</summary>
public sealed class PostgresNullifierStoreArgumentTests
{
    private const string ConnectionString = "Host=127.0.0.1;Username=pod;Password=pod;Database=pod";

    public static TheoryData<string> BadSchemas => ["", "Pod", "1st", "pod-identity", "pod;drop", "pod\n", "\"pod\"", new string('a', 64)];

    [Theory]
    [MemberData(nameof(BadSchemas))]
    public void Constructor_BadSchemaName_Throws(string schema)
    {
        var e = Assert.Throws<ArgumentException>(() => new PostgresNullifierStore(ConnectionString, schema));

        Assert.Equal("schema", e.ParamName);
        Assert.Contains($"\"{schema}\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_LongestSchemaName_IsAccepted()
    {
        using var store = new PostgresNullifierStore(ConnectionString, "_" + new string('a', 62));

        Assert.Equal(63, store.Schema.Length);
    }

    [Fact]
    public void Constructor_MissingArguments_Throw()
    {
        Assert.Equal("connectionString", Assert.Throws<ArgumentNullException>(() => new PostgresNullifierStore(null!)).ParamName);
        Assert.Equal("connectionString", Assert.Throws<ArgumentException>(() => new PostgresNullifierStore("")).ParamName);
        Assert.Equal("schema", Assert.Throws<ArgumentNullException>(() => new PostgresNullifierStore(ConnectionString, null!)).ParamName);
        Assert.Throws<ArgumentException>(() => new PostgresNullifierStore("Nonsense Keyword=1"));
    }
}
