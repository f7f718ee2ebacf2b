using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Signatures;
using Pod.Gpc.Requests;
using Pod.Gpc;
using Pod.Hosting;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Simulation;
using Pod.Samples.TlsIssuer;
using Pod.Samples.Verifier;
using Pod.Tests.Issuers;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Samples;

/// <summary>
/// The hosting both services share (Pod.Samples/Hosting), exercised on each service over a real Kestrel: every client
/// mistake is its documented <c>{code, description}</c> with its status, never a 500, and the rate limit per client.
/// </summary>
public sealed class ServiceHostingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pod-hosting-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    public static TheoryData<string> Services => new() { "tls-issuer", "verifier" };

    private sealed class Service : IAsyncDisposable
    {
        public required WebApplication App { get; init; }

        public required Uri Address { get; init; }

        public required HttpClient Http { get; init; }

        /// <summary>The service's codes and their statuses (the tables in docs/tls-issuer.md and docs/verifying.md).</summary>
        public required ServiceErrorCodes Codes { get; init; }

        /// <summary>An endpoint that takes a JSON body and counts against the rate limit.</summary>
        public required string PostPath { get; init; }

        public required long MaxBody { get; init; }

        public IDisposable? Owned { get; init; }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.DisposeAsync();
            Owned?.Dispose();
        }
    }

    private async Task<Service> Start(string kind, ClientRateLimit? rateLimit = null)
    {
        WebApplication app;
        ServiceErrorCodes codes;
        string path;
        long maxBody;
        IDisposable? owned = null;
        if (kind == "tls-issuer")
        {
            var enclave = new SimulatedEnclave();
            var key = EdDsaPrivateKey.Generate();
            owned = new Owned(enclave, key);
            app = TlsIssuerService.Build("Development", enclave, o =>
            {
                o.IssuerKey = key;
                o.UidKey = new byte[32];
                o.UseInMemoryStore = true;
                o.Providers.Add(ProviderSpec.Parse(TlsIssuerService.DemoSpec));
            }, rateLimit, new ManualTimeProvider(IssuerHarness.Start));
            (codes, path, maxBody) = (TlsIssuerEndpoints.ErrorCodes, "/issue", TlsIssuerEndpoints.MaxRequestBodyBytes);
        }
        else
        {
            // No artifacts are needed: every request here is refused before a proof is looked at.
            var options = new GpcVerifierOptions
            {
                ArtifactsDirectory = Path.Combine(_directory, "no-artifacts"),
                RegistryPath = Path.Combine(_directory, "registry.db"),
                Template = new GpcProofRequestTemplate
                {
                    ProofConfig = GpcJson.ParseProofConfig("""{"pods":{"ticket":{"entries":{"owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}"""),
                    ExternalNullifier = PodValue.String("an election"),
                    TrustedSigners = new HashSet<EdDsaPublicKey> { EdDsaPublicKey.FromPoint(BabyJubJub.Base8) },
                },
                MaxRequestBodyBytes = 8 * 1024,
            };
            app = GpcVerifierService.Build(options, rateLimit: rateLimit);
            (codes, path, maxBody) = (GpcVerifierEndpoints.HostingCodes, "/verify", options.MaxRequestBodyBytes);
        }

        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new Service { App = app, Address = address, Http = new HttpClient { BaseAddress = address }, Codes = codes, PostPath = path, MaxBody = maxBody, Owned = owned };
    }

    private sealed class Owned(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (IDisposable item in items)
            {
                item.Dispose();
            }
        }
    }

    private static async Task ExpectError(HttpResponseMessage r, HttpStatusCode status, string code)
    {
        string text = await r.Content.ReadAsStringAsync();
        Assert.True(status == r.StatusCode, $"{r.StatusCode} {text}");
        Assert.StartsWith("application/json", r.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        JsonNode body = JsonNode.Parse(text)!;
        Assert.Equal(code, body["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["description"]!.GetValue<string>()));
        Assert.Equal(2, body.AsObject().Count);
    }

    private static ByteArrayContent Json(byte[] bytes, string mediaType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return content;
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task ClientMistakes_DocumentedCodeAndStatus_NeverAServerError(string kind)
    {
        await using Service s = await Start(kind, new ClientRateLimit { PermitLimit = 1000 });
        ServiceErrorCodes c = s.Codes;

        await ExpectError(await s.Http.GetAsync("/no-such-endpoint"), HttpStatusCode.NotFound, c.NotFound);
        await ExpectError(await s.Http.GetAsync(s.PostPath), HttpStatusCode.MethodNotAllowed, c.MethodNotAllowed);
        await ExpectError(await s.Http.DeleteAsync("/health"), HttpStatusCode.MethodNotAllowed, c.MethodNotAllowed);

        // What a web page can send cross-site without a preflight: text/plain, a form, multipart.
        foreach (string mediaType in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data" })
        {
            await ExpectError(await s.Http.PostAsync(s.PostPath, Json("{}"u8.ToArray(), mediaType)), HttpStatusCode.UnsupportedMediaType, c.UnsupportedMediaType);
        }

        // Over the limit, announced (Content-Length) or not (chunked).
        byte[] large = Encoding.UTF8.GetBytes("{\"x\":\"" + new string('a', (int)s.MaxBody) + "\"}");
        await ExpectError(await s.Http.PostAsync(s.PostPath, Json(large)), HttpStatusCode.RequestEntityTooLarge, c.RequestTooLarge);
        (int status, string text) = await Raw(s.Address, $"POST {s.PostPath} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
            $"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{large.Length:x}\r\n{Encoding.UTF8.GetString(large)}\r\n0\r\n\r\n");
        Assert.Equal((413, c.RequestTooLarge), (status, JsonNode.Parse(text)!["code"]!.GetValue<string>()));

        // Not UTF-8 JSON text: invalid UTF-8 (a stray byte, an overlong form, an encoded surrogate) or an escaped lone
        // surrogate, in a value or in a property name, at any depth.
        byte[][] bad =
        [
            [.. "{\"proof\":\""u8, 0xFF, .. "\"}"u8],
            [.. "{\"proof\":\""u8, 0xC0, 0xAF, .. "\"}"u8],
            [.. "{\"proof\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8],
            "{\"proof\":\"\\ud800\"}"u8.ToArray(),
            "{\"proof\":{\"a\":[\"x\\udc00y\"]}}"u8.ToArray(),
            "{\"\\udbff\":1}"u8.ToArray(),
            "{\"proof\":\"\\ud800\\u0041\"}"u8.ToArray(),
        ];
        foreach (byte[] body in bad)
        {
            await ExpectError(await s.Http.PostAsync(s.PostPath, Json(body)), HttpStatusCode.BadRequest, c.MalformedBody);
        }

        // A malformed chunked body, which HttpClient cannot send.
        (status, text) = await Raw(s.Address, $"POST {s.PostPath} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        Assert.Equal(400, status);
        Assert.Equal(c.MalformedBody, JsonNode.Parse(text)!["code"]!.GetValue<string>());

        // A well-formed pair is text, and reaches the endpoint.
        Assert.True(ServiceHosting.IsUtf8JsonText("{\"proof\":\"\\ud83d\\ude00\"}"u8));
        Assert.NotEqual(HttpStatusCode.InternalServerError, (await s.Http.PostAsync(s.PostPath, Json("{\"proof\":\"\\ud83d\\ude00\"}"u8.ToArray()))).StatusCode);
    }

    /// <summary>One request over a plain socket; the status and the body of the answer (Connection: close).</summary>
    private static async Task<(int Status, string Body)> Raw(Uri address, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using NetworkStream stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string answer = await reader.ReadToEndAsync();
        int status = int.Parse(answer.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        string body = answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        if (answer.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = string.Concat(body.Split("\r\n").Where((_, i) => i % 2 == 1));
        }

        return (status, body);
    }

    private static async Task<HttpResponseMessage> PostFrom(Service s, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, s.PostPath) { Content = Json("{}"u8.ToArray()) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await s.Http.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task RateLimit_PerClient_429WithRetryAfterAndBody_HealthExempt(string kind)
    {
        await using Service s = await Start(kind, new ClientRateLimit { PermitLimit = 2, Window = TimeSpan.FromMinutes(5) });
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostFrom(s, null)).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostFrom(s, null)).StatusCode);

        HttpResponseMessage limited = await PostFrom(s, null);

        await ExpectError(limited, HttpStatusCode.TooManyRequests, s.Codes.RateLimited);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        for (int i = 0; i < 5; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await s.Http.GetAsync("/health")).StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task RateLimit_ForwardedForWithoutTrustedProxy_Ignored(string kind)
    {
        await using Service s = await Start(kind, new ClientRateLimit { PermitLimit = 2 });
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostFrom(s, "203.0.113.1")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostFrom(s, "203.0.113.2")).StatusCode);

        // A new forwarded address on each request does not make a new client.
        await ExpectError(await PostFrom(s, "203.0.113.3"), HttpStatusCode.TooManyRequests, s.Codes.RateLimited);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task RateLimit_BehindTrustedProxy_PartitionedByTheForwardedClient(string kind)
    {
        // The test connects from 127.0.0.1, configured as the proxy.
        await using Service s = await Start(kind, new ClientRateLimit { PermitLimit = 2, TrustedProxies = [ClientRateLimit.ParseNetwork("127.0.0.1")] });
        for (int i = 0; i < 2; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostFrom(s, "203.0.113.1")).StatusCode);
        }

        await ExpectError(await PostFrom(s, "203.0.113.1"), HttpStatusCode.TooManyRequests, s.Codes.RateLimited);

        // Another client behind the proxy has its own window.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostFrom(s, "203.0.113.2")).StatusCode);

        // The client appends nothing the proxy did not: addresses it prepends are not its identity (the nearest untrusted hop is).
        await ExpectError(await PostFrom(s, "198.51.100.7, 203.0.113.1"), HttpStatusCode.TooManyRequests, s.Codes.RateLimited);
        await ExpectError(await PostFrom(s, "198.51.100.8, 203.0.113.1"), HttpStatusCode.TooManyRequests, s.Codes.RateLimited);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task RateLimit_ConfiguredPartitionKey_Used(string kind)
    {
        await using Service s = await Start(kind, new ClientRateLimit { PermitLimit = 1, PartitionKey = http => http.Request.Headers["X-Account"].ToString() });
        async Task<HttpStatusCode> As(string account)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, s.PostPath) { Content = Json("{}"u8.ToArray()) };
            request.Headers.Add("X-Account", account);
            return (await s.Http.SendAsync(request)).StatusCode;
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, await As("alice"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await As("alice"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await As("bob"));
    }

    [Fact]
    public void WithConfiguration_ReadsPermitsWindowAndProxies_RefusesNonsense()
    {
        IConfigurationSection Section(params (string Key, string Value)[] values) => new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("RateLimit:" + v.Key, v.Value))).Build().GetSection("RateLimit");

        ClientRateLimit limit = new ClientRateLimit().WithConfiguration(Section(("PermitLimit", "600"), ("WindowSeconds", "10"), ("TrustedProxies", "10.0.0.0/8, 192.0.2.1")));
        Assert.Equal((600, TimeSpan.FromSeconds(10)), (limit.PermitLimit, limit.Window));
        Assert.True(limit.TrustedProxies[0].Contains(IPAddress.Parse("10.200.1.1")));
        Assert.True(limit.TrustedProxies[1].Contains(IPAddress.Parse("192.0.2.1")));
        Assert.False(limit.TrustedProxies[1].Contains(IPAddress.Parse("192.0.2.2")));

        ClientRateLimit listed = new ClientRateLimit().WithConfiguration(Section(("TrustedProxies:0", "::1"), ("TrustedProxies:1", "fd00::/8")));
        Assert.Equal(2, listed.TrustedProxies.Count);
        Assert.Empty(new ClientRateLimit().WithConfiguration(Section()).TrustedProxies);

        foreach ((string key, string value) in new[] { ("PermitLimit", "0"), ("PermitLimit", "-1"), ("WindowSeconds", "1e3"), ("TrustedProxies", "10.0.0.0/99"), ("TrustedProxies", "proxy.local") })
        {
            FormatException e = Assert.Throws<FormatException>(() => new ClientRateLimit().WithConfiguration(Section((key, value))));
            Assert.Contains(value, e.Message, StringComparison.Ordinal);
        }
    }
}
