using System.Text.Json;
using System.Text.Json.Nodes;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Sgx;

namespace Pod.Hosting;

/// <summary>
/// The JSON body of <c>POST /issue</c>:
/// <c>{"providerId", "payload": base64, "owner", "clientRequestId"?, "evidence": {...}}</c> with evidence
/// <c>{"kind":"sim-v1","report","sessionPublicKey","keyValidUntil","payloadSignature"}</c>,
/// <c>{"kind":"sgx-dcap-v3","quote","sessionPublicKey","keyValidUntil","payloadSignature","collateral"?}</c> (collateral in
/// dcap-qvl's shape) or <c>{"kind":"reclaim-v1","proof": string}</c>; binary fields in Base64.
/// </summary>
internal static class IssueRequestBody
{
    /// <summary>Reads the request, or returns a description of what is wrong (naming fields, not values).</summary>
    public static string? TryRead(JsonNode? body, out TlsIssuanceRequest? request)
    {
        request = null;
        try
        {
            if (body is not JsonObject o || o["evidence"] is not JsonObject e)
            {
                return "The body must be a JSON object with an evidence object.";
            }

            AttestationEvidence evidence = Str(e, "kind") switch
            {
                "sim-v1" => new SimulatedEvidence(B64(e, "report"), B64(e, "sessionPublicKey"), Int(e, "keyValidUntil"), B64(e, "payloadSignature")),
                "sgx-dcap-v3" => new SgxDcapEvidence(B64(e, "quote"), B64(e, "sessionPublicKey"), Int(e, "keyValidUntil"), B64(e, "payloadSignature"),
                    e["collateral"] is JsonObject c ? SgxCollateral.FromJson(c.ToJsonString()) : null),
                "reclaim-v1" => new ReclaimEvidence(Str(e, "proof")),
                _ => throw new FormatException("evidence.kind must be sim-v1, sgx-dcap-v3 or reclaim-v1."),
            };
            request = new TlsIssuanceRequest(Str(o, "providerId"), B64(o, "payload"), evidence, Str(o, "owner"),
                o["clientRequestId"] is null ? null : Str(o, "clientRequestId"));
            return null;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or JsonException)
        {
            return ex.Message;
        }
    }

    private static string Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw new FormatException($"{name} must be a string.");

    private static byte[] B64(JsonObject o, string name)
    {
        try
        {
            return Convert.FromBase64String(Str(o, name));
        }
        catch (FormatException)
        {
            throw new FormatException($"{name} must be Base64.");
        }
    }

    private static long Int(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long n) ? n : throw new FormatException($"{name} must be an integer.");
}
