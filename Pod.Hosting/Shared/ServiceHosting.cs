using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;

namespace Pod.Hosting;

/// <summary>
/// What both services share around their endpoints: Kestrel's body limit, every error as
/// <c>{code, description}</c> (an exception, a status routing set with an empty body, a body Kestrel refused), a rate
/// limit per client, JSON bodies only, and UTF-8 JSON text checked before an endpoint reads it.
/// </summary>
/// <remarks>
/// Call <see cref="AddServiceHosting"/> on the builder and <see cref="UseServiceHosting"/> on the app before mapping the
/// endpoints; map <c>/health</c> with <c>DisableRateLimiting()</c>.
/// </remarks>
internal static class ServiceHosting
{
    /// <summary>The body limit both services default to: a proof request or an issuance request is a few KiB to ~90 KiB.</summary>
    public const long DefaultMaxRequestBodyBytes = 256 * 1024;

    /// <summary>
    /// Kestrel's body limit and the rate limiter (<paramref name="limit"/>, already merged with its configuration). Where
    /// Kestrel listens is the host's choice (<c>--urls</c>, <c>Urls</c>, or an explicit <c>Listen</c>).
    /// </summary>
    public static void AddServiceHosting(this WebApplicationBuilder builder, ServiceErrorCodes codes, long maxRequestBodyBytes, ClientRateLimit limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRequestBodyBytes);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxRequestBodyBytes);
        builder.Services.AddSingleton(new HostingSettings(codes, maxRequestBodyBytes, limit));
        builder.Services.AddRateLimiter(r =>
        {
            r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            r.OnRejected = (context, ct) =>
            {
                int seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan after)
                    ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : (int)Math.Ceiling(limit.Window.TotalSeconds);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
                    new ServiceError(codes.RateLimited, $"Too many requests from this client; retry after {seconds} s."), ct));
            };
            r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetFixedWindowLimiter(
                limit.PartitionKey?.Invoke(http) ?? ClientAddress(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 }));
        });
    }

    /// <summary>The middleware, in order: forwarded address (trusted proxies only), errors, rate limit, media type and body.</summary>
    public static void UseServiceHosting(this WebApplication app)
    {
        HostingSettings settings = app.Services.GetRequiredService<HostingSettings>();
        ServiceErrorCodes codes = settings.Codes;
        if (settings.RateLimit.TrustedProxies.Count > 0)
        {
            // Only a connection from a configured proxy may name the client; the nearest untrusted hop wins, so a client
            // cannot prepend addresses of its choosing. (The defaults trust loopback: cleared, nothing is trusted unasked.)
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = null };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (System.Net.IPNetwork proxy in settings.RateLimit.TrustedProxies)
            {
                forwarded.KnownIPNetworks.Add(proxy);
            }

            app.UseForwardedHeaders(forwarded);
        }

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = http => (http.Features.Get<IExceptionHandlerFeature>()?.Error switch
            {
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(settings),
                BadHttpRequestException bad => Error(bad.StatusCode, codes.MalformedBody, "The request could not be read."),
                _ => Error(StatusCodes.Status500InternalServerError, codes.InternalError, "The server failed; see its log."),
            }).ExecuteAsync(http),
        });
        app.UseStatusCodePages(context => (context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => Error(404, codes.NotFound, "No such endpoint; GET /health lists what the service offers."),
            StatusCodes.Status405MethodNotAllowed => Error(405, codes.MethodNotAllowed, "The endpoint exists, but not with this method."),
            StatusCodes.Status413PayloadTooLarge => TooLarge(settings),
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType(codes),
            int status => Error(status, codes.OtherStatusPrefix + status.ToString(System.Globalization.CultureInfo.InvariantCulture), "The request failed."),
        }).ExecuteAsync(context.HttpContext));

        // The limiter before the body is read: a client over its limit costs no buffering.
        app.UseRateLimiter();
        app.Use((http, next) => ReadJsonBodyAsync(http, next, settings));
    }

    /// <summary>
    /// A request body is read whole (up to the limit) before the endpoint runs, so every way of sending a bad body is
    /// answered here with its code: not JSON (a <c>text/plain</c> or form body, which a web page can send cross-site
    /// without a preflight), over the limit, malformed chunking, invalid UTF-8 or an escaped lone surrogate (which
    /// System.Text.Json only notices when the string is read, deep inside an endpoint, as an InvalidOperationException).
    /// JSON syntax is left to the endpoint, which names what it expected.
    /// </summary>
    private static async Task ReadJsonBodyAsync(HttpContext http, RequestDelegate next, HostingSettings settings)
    {
        HttpRequest request = http.Request;
        bool hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
        {
            await next(http);
            return;
        }

        if (!request.HasJsonContentType())
        {
            await UnsupportedMediaType(settings.Codes).ExecuteAsync(http);
            return;
        }

        if (request.ContentLength > settings.MaxRequestBodyBytes)
        {
            // The body is left unread, so the connection cannot carry another request: say so, or the client reuses it.
            http.Response.Headers.Connection = "close";
            await TooLarge(settings).ExecuteAsync(http);
            return;
        }

        using var body = new MemoryStream((int)Math.Min(request.ContentLength ?? 4096, settings.MaxRequestBodyBytes));
        try
        {
            await request.Body.CopyToAsync(body, http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            http.Response.Headers.Connection = "close";
            await TooLarge(settings).ExecuteAsync(http);
            return;
        }
        catch (BadHttpRequestException)
        {
            http.Response.Headers.Connection = "close";
            await Error(StatusCodes.Status400BadRequest, settings.Codes.MalformedBody,
                "The body could not be read: malformed chunked encoding, or it ended early.").ExecuteAsync(http);
            return;
        }

        if (!body.TryGetBuffer(out ArraySegment<byte> bytes) || !IsUtf8JsonText(bytes))
        {
            await Error(StatusCodes.Status400BadRequest, settings.Codes.MalformedBody,
                "The body is not UTF-8 JSON text: it holds invalid UTF-8 or an escaped lone surrogate (\\ud800 to \\udfff unpaired).").ExecuteAsync(http);
            return;
        }

        body.Position = 0;
        request.Body = body;
        await next(http);
    }

    /// <summary>
    /// True unless the bytes hold invalid UTF-8 or a string (or property name) whose escapes leave a lone surrogate.
    /// Syntax errors count as true: they are the endpoint's to describe.
    /// </summary>
    internal static bool IsUtf8JsonText(ReadOnlySpan<byte> bytes)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return false;
        }

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }
        }
        catch (JsonException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        return true;
    }

    /// <summary>The rate limiter's default partition: the remote address (after a trusted proxy's forwarded address was applied).</summary>
    private static string ClientAddress(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : "unknown";

    private static IResult TooLarge(HostingSettings settings) =>
        Error(StatusCodes.Status413PayloadTooLarge, settings.Codes.RequestTooLarge, $"The body is larger than {settings.MaxRequestBodyBytes} bytes.");

    private static IResult UnsupportedMediaType(ServiceErrorCodes codes) =>
        Error(StatusCodes.Status415UnsupportedMediaType, codes.UnsupportedMediaType, "Send the body as application/json.");

    private static IResult Error(int status, string code, string description) => Results.Json(new ServiceError(code, description), statusCode: status);

    private sealed record HostingSettings(ServiceErrorCodes Codes, long MaxRequestBodyBytes, ClientRateLimit RateLimit);
}
