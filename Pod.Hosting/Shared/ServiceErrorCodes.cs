namespace Pod.Hosting;

/// <summary>
/// The codes a service answers with for failures outside its endpoints (routing, media type, body, rate limit, an
/// unhandled exception), in the service's own naming: each service documents its codes in one table.
/// </summary>
/// <param name="NotFound">404: no such endpoint.</param>
/// <param name="MethodNotAllowed">405: the endpoint exists with another method.</param>
/// <param name="UnsupportedMediaType">415: a body that is not <c>application/json</c>.</param>
/// <param name="RequestTooLarge">413: a body over the limit.</param>
/// <param name="MalformedBody">400: a body that cannot be read (malformed chunking) or is not UTF-8 JSON text (invalid UTF-8, an escaped lone surrogate).</param>
/// <param name="RateLimited">429: too many requests from this client.</param>
/// <param name="InternalError">500: the server failed.</param>
/// <param name="OtherStatusPrefix">Any other empty error status <c>s</c> gets the code prefix + <c>s</c>.</param>
internal sealed record ServiceErrorCodes(
    string NotFound,
    string MethodNotAllowed,
    string UnsupportedMediaType,
    string RequestTooLarge,
    string MalformedBody,
    string RateLimited,
    string InternalError,
    string OtherStatusPrefix);

/// <summary>The JSON error body of both services, written as <c>{"code": ..., "description": ...}</c>.</summary>
internal sealed record ServiceError(string Code, string Description);
