using System.Text.Json;
using System.Text.Json.Serialization;

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

    /// <summary>Reads collateral JSON.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a JSON object of strings of this shape.</exception>
    public static SgxCollateral FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<SgxCollateral>(json, new JsonSerializerOptions { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip })
                ?? throw new FormatException("The collateral JSON is null.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The collateral JSON is not valid at {e.Path}.", e);
        }
    }
}
