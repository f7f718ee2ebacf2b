using Npgsql;
using Xunit;

namespace Pod.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests run against: POD_TEST_POSTGRES, an Npgsql connection string, which
/// .ci/run sets after installing and starting a server on 127.0.0.1. The tests never mock or skip it: when
/// the variable is missing they fail, saying how to provide it.
/// </summary>
internal static class PostgresTestServer
{
    public const string Variable = "POD_TEST_POSTGRES";

    public static string ConnectionString
    {
        get
        {
            string? value = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(value))
            {
                bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
                Assert.Fail(ci
                    ? $"CI=true but {Variable} is not set: the PostgreSQL store tests must run in CI, and .ci/run starts a server and sets it."
                    : $"{Variable} is not set, so the PostgreSQL store tests cannot run: run `bash .ci/run` (as root: it installs and starts PostgreSQL), or export {Variable}='Host=127.0.0.1;Port=5432;Username=...;Password=...;Database=...' for a server of yours.");
            }

            // At most two test classes run at once: keep their pools well under the server's 100 connections.
            return new NpgsqlConnectionStringBuilder(value) { MaxPoolSize = 32 }.ConnectionString;
        }
    }

    /// <summary>A schema name no other test or run uses, so runs sharing a database never meet.</summary>
    public static string NewSchemaName() => "pod_test_" + Guid.NewGuid().ToString("N");

    public static async Task DropSchemaAsync(string schema)
    {
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using NpgsqlCommand command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A connection string to a loopback port where nothing listens.</summary>
    public static string ClosedPortConnectionString()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"Host=127.0.0.1;Port={port};Username=pod;Password=pod;Database=pod;Timeout=5";
    }
}
