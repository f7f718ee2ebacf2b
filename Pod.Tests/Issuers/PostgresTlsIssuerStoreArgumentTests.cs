using Pod.Storage.PostgreSql;
using Xunit;

namespace Pod.Tests.Issuers;

/// <summary>Argument checks of <see cref="PostgresTlsIssuerStore"/>, which need no server: it connects at the first call.</summary>
public sealed class PostgresTlsIssuerStoreArgumentTests
{
    private const string ConnectionString = "Host=127.0.0.1;Username=pod;Password=pod;Database=pod";

    public static TheoryData<string> BadSchemas => ["", "Pod", "1st", "pod-tls", "pod;drop", "pod\n", "\"pod\"", new string('a', 64)];

    [Theory]
    [MemberData(nameof(BadSchemas))]
    public void Constructor_BadSchemaName_Throws(string schema)
    {
        var e = Assert.Throws<ArgumentException>(() => new PostgresTlsIssuerStore(ConnectionString, schema));

        Assert.Equal("schema", e.ParamName);
        Assert.Contains($"\"{schema}\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DefaultAndLongestSchemaNames_AreAccepted()
    {
        using var byDefault = new PostgresTlsIssuerStore(ConnectionString);
        using var longest = new PostgresTlsIssuerStore(ConnectionString, "_" + new string('a', 62));

        Assert.Equal(PostgresTlsIssuerStore.DefaultSchema, byDefault.Schema);
        Assert.Equal(63, longest.Schema.Length);
        Assert.Equal("PostgresTlsIssuerStore (pod_tls_issuer)", byDefault.ToString());
    }

    [Fact]
    public void Constructor_MissingArguments_Throw()
    {
        Assert.Equal("connectionString", Assert.Throws<ArgumentNullException>(() => new PostgresTlsIssuerStore(null!)).ParamName);
        Assert.Equal("connectionString", Assert.Throws<ArgumentException>(() => new PostgresTlsIssuerStore("")).ParamName);
        Assert.Equal("schema", Assert.Throws<ArgumentNullException>(() => new PostgresTlsIssuerStore(ConnectionString, null!)).ParamName);
        Assert.Throws<ArgumentException>(() => new PostgresTlsIssuerStore("Nonsense Keyword=1"));
    }
}
