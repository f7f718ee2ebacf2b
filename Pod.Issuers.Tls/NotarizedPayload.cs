using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pod.Serialization;

namespace Pod.Issuers.Tls;

/// <summary>
/// The payload the enclave signs (UTF-8 JSON), parsed only after its signature verified:
/// <c>{"v":1,"provider":id,"nonce":b64url(32 bytes),"owner":key,"notarized_at":unixSeconds,
/// "request":{"method","url","status"},"response":{...},"uid"?:hex(31 bytes)}</c>; <c>uid</c> only when the spec has the enclave
/// compute it. Unknown and duplicate members are refused.
/// </summary>
internal sealed record NotarizedPayload(string ProviderId, byte[] Nonce, string Owner, DateTimeOffset NotarizedAt, string Method, string Url,
    int Status, JsonNode Response, byte[]? Uid)
{
    /// <summary>The provider and time only: the response holds personal data.</summary>
    public override string ToString() => $"NotarizedPayload ({ProviderId}, {NotarizedAt:O})";

    private static readonly string[] Known = ["v", "provider", "nonce", "owner", "notarized_at", "request", "response", "uid"];

    /// <exception cref="IssuanceRefusal">MalformedRequest.</exception>
    public static NotarizedPayload Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return ParsePayload(utf8);
        }
        catch (Exception e) when (JsonTextErrors.IsInvalidText(e))
        {
            // Invalid UTF-8, or an escaped lone surrogate, in a JSON string: System.Text.Json finds it only when reading it.
            throw TlsIssuanceErrors.MalformedPayload("$", "holds text that is not well-formed Unicode");
        }
    }

    private static NotarizedPayload ParsePayload(ReadOnlySpan<byte> utf8)
    {
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false }) as JsonObject
                ?? throw TlsIssuanceErrors.MalformedPayload("$", "must be a JSON object");
        }
        catch (JsonException)
        {
            throw TlsIssuanceErrors.MalformedPayload("$", "is not valid JSON");
        }

        foreach (KeyValuePair<string, JsonNode?> p in obj)
        {
            if (!Known.Contains(p.Key, StringComparer.Ordinal))
            {
                throw TlsIssuanceErrors.MalformedPayload("$", "has an unknown member");
            }
        }

        if (!(obj["v"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int version) && version == 1))
        {
            throw TlsIssuanceErrors.MalformedPayload("$.v", "must be 1");
        }

        string provider = Str(obj, "provider", "$");
        byte[] nonce = Base64Url.IsValid(Str(obj, "nonce", "$"), out int length) && length == 32
            ? Base64Url.DecodeFromChars(Str(obj, "nonce", "$"))
            : throw TlsIssuanceErrors.MalformedPayload("$.nonce", "must be 32 bytes in Base64url");
        string owner = Str(obj, "owner", "$");
        if (!(obj["notarized_at"] is JsonValue t && t.GetValueKind() == JsonValueKind.Number && t.TryGetValue(out long seconds) && seconds is >= 0 and <= 253402300799))
        {
            throw TlsIssuanceErrors.MalformedPayload("$.notarized_at", "must be Unix seconds");
        }

        if (obj["request"] is not JsonObject request)
        {
            throw TlsIssuanceErrors.MalformedPayload("$.request", "must be an object");
        }

        foreach (KeyValuePair<string, JsonNode?> p in request)
        {
            if (p.Key is not ("method" or "url" or "status"))
            {
                throw TlsIssuanceErrors.MalformedPayload("$.request", "has an unknown member");
            }
        }

        if (!(request["status"] is JsonValue s && s.GetValueKind() == JsonValueKind.Number && s.TryGetValue(out int status)))
        {
            throw TlsIssuanceErrors.MalformedPayload("$.request.status", "must be an integer");
        }

        JsonNode response = obj["response"] is JsonNode r && r.GetValueKind() is JsonValueKind.Object or JsonValueKind.Array
            ? r
            : throw TlsIssuanceErrors.MalformedPayload("$.response", "must be an object or array");
        byte[]? uid = null;
        if (obj.ContainsKey("uid"))
        {
            string text = Str(obj, "uid", "$");
            uid = text.Length == 2 * UidDeriver.UidSizeInBytes && text.All(char.IsAsciiHexDigit)
                ? Convert.FromHexString(text)
                : throw TlsIssuanceErrors.MalformedPayload("$.uid", $"must be {UidDeriver.UidSizeInBytes} bytes in hex");
        }

        return new NotarizedPayload(provider, nonce, owner, DateTimeOffset.FromUnixTimeSeconds(seconds), Str(request, "method", "$.request"),
            Str(request, "url", "$.request"), status, response, uid);
    }

    private static string Str(JsonObject obj, string name, string path) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 and <= 2048 } text
            ? text
            : throw TlsIssuanceErrors.MalformedPayload($"{path}.{name}", "must be a non-empty string of at most 2048 characters");
}
