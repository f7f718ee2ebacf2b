using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Pod.Gpc.Requests;

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

    /// <summary>The request body as text.</summary>
    public static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>A refused response: 422 for a proof that does not verify, 409 for a nullifier used, 500 for server faults, 400 for malformed input, else 403.</summary>
    public static IResult Refused(GpcResponseCheck check) => Error(
        check.Failure switch
        {
            GpcResponseFailure.MalformedJson or GpcResponseFailure.MalformedRequest or GpcResponseFailure.MalformedProof
                or GpcResponseFailure.MalformedBoundConfig or GpcResponseFailure.MalformedRevealedClaims => StatusCodes.Status400BadRequest,
            GpcResponseFailure.ProofInvalid => StatusCodes.Status422UnprocessableEntity,
            GpcResponseFailure.NullifierUsed => StatusCodes.Status409Conflict,
            GpcResponseFailure.ArtifactsUnavailable or GpcResponseFailure.RegistryUnavailable or GpcResponseFailure.ChallengeStoreUnavailable => StatusCodes.Status500InternalServerError,
            _ => StatusCodes.Status403Forbidden,
        },
        check.Failure.Code(),
        check.Description!);
}
