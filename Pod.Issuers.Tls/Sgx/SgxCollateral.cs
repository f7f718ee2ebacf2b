using System.Text.Json;
using System.Text.Json.Serialization;
using Pod.Serialization;

namespace Pod.Issuers.Tls.Sgx;

/// <summary>
/// Offline Intel collateral for an SGX quote, in the interchange shape of Phala-Network/dcap-qvl's <c>sample/</c>
/// (<see cref="FromJson"/>): the TCB info and QE identity as raw JSON strings with hex P1363 signatures and PEM issuer
/// chains, and the Root CA and PCK CA CRLs as hex DER.
/// </summary>
public sealed record SgxCollateral
{
    /// <summary>The PCK CRL issuer chain (PEM).</summary>
    [JsonPropertyName("pck_crl_issuer_chain")]
    public string PckCrlIssuerChain { get; init; } = "";

    /// <summary>The Intel SGX Root CA CRL (hex DER).</summary>
    [JsonPropertyName("root_ca_crl")]
    public string RootCaCrl { get; init; } = "";

    /// <summary>The PCK Processor or Platform CA CRL (hex DER).</summary>
    [JsonPropertyName("pck_crl")]
    public string PckCrl { get; init; } = "";

    /// <summary>The TCB info issuer chain (PEM): the Intel SGX TCB Signing certificate and the root.</summary>
    [JsonPropertyName("tcb_info_issuer_chain")]
    public string TcbInfoIssuerChain { get; init; } = "";

    /// <summary>The TCB info, raw JSON exactly as signed.</summary>
    [JsonPropertyName("tcb_info")]
    public string TcbInfo { get; init; } = "";

    /// <summary>The TCB info signature (hex r ‖ s).</summary>
    [JsonPropertyName("tcb_info_signature")]
    public string TcbInfoSignature { get; init; } = "";

    /// <summary>The QE identity issuer chain (PEM).</summary>
    [JsonPropertyName("qe_identity_issuer_chain")]
    public string QeIdentityIssuerChain { get; init; } = "";

    /// <summary>The QE identity, raw JSON exactly as signed.</summary>
    [JsonPropertyName("qe_identity")]
    public string QeIdentity { get; init; } = "";

    /// <summary>The QE identity signature (hex r ‖ s).</summary>
    [JsonPropertyName("qe_identity_signature")]
    public string QeIdentitySignature { get; init; } = "";

    /// <summary>
    /// A PCK certificate chain (PEM, leaf first) for quotes whose certification data is not a PCK chain (types 1 to 4),
    /// or empty. Collateral holding only this chain counts as no collateral for the TCB evaluation.
    /// </summary>
    [JsonPropertyName("pck_certificate_chain")]
    public string PckCertificateChain { get; init; } = "";

    /// <summary>
    /// Builds collateral from Intel PCS (v2/v3 API) responses: the TCB info and QE identity bodies (<c>{"tcbInfo": {...}, "signature": ...}</c>,
    /// <c>{"enclaveIdentity": {...}, "signature": ...}</c>), their issuer chain (the <c>TCB-Info-Issuer-Chain</c> header, PEM) and the
    /// Root CA and PCK CA CRLs (PEM or DER). The signed inner objects are kept byte for byte.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="FormatException">A body is not of that shape, or a CRL is neither PEM nor DER.</exception>
    public static SgxCollateral FromIntelPcs(string tcbInfoResponse, string qeIdentityResponse, string issuerChainPem, byte[] rootCaCrl, byte[] pckCrl)
    {
        ArgumentNullException.ThrowIfNull(tcbInfoResponse);
        ArgumentNullException.ThrowIfNull(qeIdentityResponse);
        ArgumentNullException.ThrowIfNull(issuerChainPem);
        ArgumentNullException.ThrowIfNull(rootCaCrl);
        ArgumentNullException.ThrowIfNull(pckCrl);
        (string tcbInfo, string tcbSignature) = SplitSigned(tcbInfoResponse, "tcbInfo");
        (string qeIdentity, string qeSignature) = SplitSigned(qeIdentityResponse, "enclaveIdentity");
        return new SgxCollateral
        {
            TcbInfo = tcbInfo,
            TcbInfoSignature = tcbSignature,
            TcbInfoIssuerChain = issuerChainPem,
            QeIdentity = qeIdentity,
            QeIdentitySignature = qeSignature,
            QeIdentityIssuerChain = issuerChainPem,
            RootCaCrl = CrlHex(rootCaCrl),
            PckCrl = CrlHex(pckCrl),
        };
    }

    private static (string Body, string SignatureHex) SplitSigned(string response, string member)
    {
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(response);
        string? body = null, signature = null;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException($"The {member} response is not a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                if (name == member && reader.TokenType == JsonTokenType.StartObject)
                {
                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    body = System.Text.Encoding.UTF8.GetString(utf8, start, (int)reader.BytesConsumed - start);
                }
                else if (name == "signature" && reader.TokenType == JsonTokenType.String)
                {
                    signature = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (Exception e) when (e is JsonException || JsonTextErrors.IsInvalidText(e))
        {
            throw new FormatException($"The {member} response is not valid JSON.", e);
        }

        return (body ?? throw new FormatException($"The response has no {member} object."), signature ?? throw new FormatException("The response has no signature."));
    }

    private static string CrlHex(byte[] crl)
    {
        if (crl.Length > 0 && crl[0] == 0x30)
        {
            return Convert.ToHexString(crl);
        }

        string text = System.Text.Encoding.ASCII.GetString(crl);
        System.Security.Cryptography.PemFields pem = System.Security.Cryptography.PemEncoding.TryFind(text, out var fields) && text[fields.Label] == "X509 CRL"
            ? fields
            : throw new FormatException("A CRL is neither DER nor PEM (X509 CRL).");
        return Convert.ToHexString(Convert.FromBase64String(text[pem.Base64Data]));
    }

    /// <summary>Reads collateral JSON.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a JSON object of strings of this shape.</exception>
    public static SgxCollateral FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, SgxCollateralJsonContext.Default.SgxCollateral)
                ?? throw new FormatException("The collateral JSON is null.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The collateral JSON is not valid at {e.Path}.", e);
        }
        catch (Exception e) when (JsonTextErrors.IsInvalidText(e))
        {
            throw new FormatException("The collateral JSON holds text that is not well-formed Unicode (a lone surrogate).", e);
        }
    }
}

/// <summary>Compile-time JSON metadata for <see cref="SgxCollateral"/> (no reflection: trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(SgxCollateral))]
internal sealed partial class SgxCollateralJsonContext : JsonSerializerContext;
