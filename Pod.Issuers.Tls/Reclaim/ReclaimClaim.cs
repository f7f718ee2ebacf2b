using System.Text.Json;
using System.Text.Json.Nodes;
using Pod.Serialization;

namespace Pod.Issuers.Tls.Reclaim;

/// <summary>The fields of a Reclaim proof that the verifier reads (<c>identifier</c>, <c>claimData</c>, <c>signatures</c>).</summary>
internal sealed record ReclaimClaim(string ProofIdentifier, string Identifier, string Provider, string Parameters, string Owner, long TimestampS,
    string Context, long Epoch, byte[][] Signatures)
{
    /// <exception cref="IssuanceRefusal">MalformedRequest.</exception>
    public static ReclaimClaim Parse(string json)
    {
        try
        {
            return ParseClaim(json);
        }
        catch (Exception e) when (JsonTextErrors.IsInvalidText(e))
        {
            // A lone surrogate, raw or escaped in a JSON string, has no UTF-8 form.
            throw TlsIssuanceErrors.MalformedReclaimProof("$");
        }
    }

    private static ReclaimClaim ParseClaim(string json)
    {
        JsonObject proof;
        try
        {
            proof = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false }) as JsonObject ?? throw TlsIssuanceErrors.MalformedReclaimProof("$");
        }
        catch (JsonException)
        {
            throw TlsIssuanceErrors.MalformedReclaimProof("$");
        }

        JsonObject claim = proof["claimData"] as JsonObject ?? throw TlsIssuanceErrors.MalformedReclaimProof("$.claimData");
        if (proof["signatures"] is not JsonArray sigs || sigs.Count is 0 or > 32)
        {
            throw TlsIssuanceErrors.MalformedReclaimProof("$.signatures");
        }

        byte[][] signatures = sigs.Select(s => s is JsonValue v && v.GetValueKind() == JsonValueKind.String && HexText.IsPrefixed(v.GetValue<string>(), 65)
                ? Convert.FromHexString(v.GetValue<string>().AsSpan(2))
                : throw TlsIssuanceErrors.MalformedReclaimProof("$.signatures[]")).ToArray();
        return new ReclaimClaim(Str(proof, "identifier", "$"), Str(claim, "identifier", "$.claimData"), Str(claim, "provider", "$.claimData"),
            Str(claim, "parameters", "$.claimData"), Str(claim, "owner", "$.claimData"), Int(claim, "timestampS"),
            claim["context"] is null ? "" : Str(claim, "context", "$.claimData"), Int(claim, "epoch"), signatures);
    }

    private static string Str(JsonObject obj, string name, string path) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw TlsIssuanceErrors.MalformedReclaimProof($"{path}.{name}");

    private static long Int(JsonObject claim, string name) =>
        claim[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long n) && n is >= 0 and <= 253402300799
            ? n
            : throw TlsIssuanceErrors.MalformedReclaimProof($"$.claimData.{name}");
}
