using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pod.Samples.Workflows;

/// <summary>What the workflow services share: Kestrel on 127.0.0.1, JSON bodies, <c>{code, description}</c> errors.</summary>
internal static class SampleHost
{
    public const long MaxBodyBytes = 256 * 1024;

    /// <summary>A slim web application listening on 127.0.0.1 (port 0: any free port).</summary>
    public static WebApplicationBuilder CreateBuilder(int port)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return builder;
    }

    /// <summary>The address the started application listens on.</summary>
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static IResult Error(int status, string code, string description) =>
        Results.Json(new JsonObject { ["code"] = code, ["description"] = description }, statusCode: status);

    /// <summary>The request body as JSON, or null when it is not well-formed.</summary>
    public static async Task<JsonNode?> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false }, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
