using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pod.Issuers.Tls.Providers;

namespace Pod.Issuers.Tls.Reclaim;

/// <summary>
/// Verifies Reclaim Protocol proofs offline: the identifier recomputed as Keccak-256(provider ‖ "\n" ‖ parameters ‖ "\n" ‖
/// canonical context) and equal to both identifiers in the proof; each signature recovered (secp256k1, EIP-191 over
/// <c>identifier\nowner\ntimestampS\nepoch</c>) and at least <see cref="Threshold"/> distinct trusted attestors among the
/// signers (the proof's own witness list is ignored); the context's <c>providerHash</c> allowed by the provider spec; and its
/// <c>contextMessage</c> a JSON object carrying the issuer's <c>nonce</c> and the <c>owner</c>. The signed payload of the
/// request must be the context string itself; the verifier then hands the issuer a payload built from the signed fields
/// only (notarized at <c>timestampS</c>, the request's method and URL, the context's <c>extractedParameters</c> as response).
/// </summary>
public sealed class ReclaimVerifier : IAttestationVerifier
{
    /// <summary>The evidence kind, <c>reclaim-v1</c>.</summary>
    public const string EvidenceKind = "reclaim-v1";

    private readonly HashSet<string> _attestors;

    /// <summary>Trusts these attestor addresses (0x + 40 hex digits) with a k-of-n threshold.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="trustedAttestors"/> is null.</exception>
    /// <exception cref="ArgumentException">An address is malformed, or there are none.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is below 1 or above the number of attestors.</exception>
    public ReclaimVerifier(IEnumerable<string> trustedAttestors, int threshold = 1)
    {
        ArgumentNullException.ThrowIfNull(trustedAttestors);
        _attestors = new HashSet<string>(StringComparer.Ordinal);
        foreach (string a in trustedAttestors)
        {
            if (!HexText.IsPrefixed(a, 20))
            {
                throw new ArgumentException("Attestor addresses are 0x followed by 40 hex digits.", nameof(trustedAttestors));
            }

            _attestors.Add(a.ToLowerInvariant());
        }

        if (_attestors.Count == 0)
        {
            throw new ArgumentException("At least one trusted attestor is required.", nameof(trustedAttestors));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, _attestors.Count);
        Threshold = threshold;
    }

    /// <summary>How many distinct trusted attestors must sign.</summary>
    public int Threshold { get; }

    /// <inheritdoc/>
    public string Kind => EvidenceKind;

    /// <inheritdoc/>
    public ValueTask<AttestationVerification> VerifyAsync(AttestationEvidence evidence, ReadOnlyMemory<byte> signedPayload, VerificationContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return ValueTask.FromResult(AttestationVerification.Verified(Verify(evidence, signedPayload.Span, context.Provider)));
        }
        catch (IssuanceRefusal r)
        {
            return ValueTask.FromResult(AttestationVerification.Refused(r.Code, r.Detail));
        }
    }

    private AttestationResult.Attestor Verify(AttestationEvidence evidence, ReadOnlySpan<byte> signedPayload, ProviderSpec spec)
    {
        if (evidence is not ReclaimEvidence reclaim || reclaim.ProofJson is null)
        {
            throw TlsIssuanceErrors.WrongEvidence("a Reclaim proof");
        }

        (ReclaimClaim claim, string[] signers, byte[] digest) = VerifyProof(reclaim.ProofJson);
        if (!signedPayload.SequenceEqual(Encoding.UTF8.GetBytes(claim.Context)))
        {
            throw TlsIssuanceErrors.Malformed("For Reclaim evidence the signed payload must be the proof's claimData.context.");
        }

        return new AttestationResult.Attestor(Kind, signers, digest, SHA256.HashData(signedPayload), BuildPayload(claim, spec));
    }

    /// <summary>Checks the identifier and signatures; returns the claim, the trusted signers and the evidence digest.</summary>
    internal (ReclaimClaim Claim, string[] Signers, byte[] Digest) VerifyProof(string proofJson)
    {
        ReclaimClaim claim = ReclaimClaim.Parse(proofJson);
        string computed = "0x" + Convert.ToHexStringLower(EthereumSignatures.Keccak256(Encoding.UTF8.GetBytes(
            $"{claim.Provider}\n{claim.Parameters}\n{(claim.Context.Length > 0 ? Encoding.UTF8.GetString(CanonicalJson.Serialize(ParseObject(claim.Context, "claimData.context"))) : "")}")));
        if (!string.Equals(computed, claim.Identifier, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(computed, claim.ProofIdentifier, StringComparison.OrdinalIgnoreCase))
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.ReclaimIdentifierMismatch, "The identifier is not Keccak-256 of the claim's provider, parameters and context.");
        }

        byte[] hash = EthereumSignatures.PersonalMessageHash(
            $"{computed}\n{claim.Owner.ToLowerInvariant()}\n{claim.TimestampS.ToString(CultureInfo.InvariantCulture)}\n{claim.Epoch.ToString(CultureInfo.InvariantCulture)}");
        var signers = new HashSet<string>(StringComparer.Ordinal);
        var untrusted = 0;
        foreach (byte[] signature in claim.Signatures)
        {
            string? address = EthereumSignatures.RecoverAddress(hash, signature)
                ?? throw TlsIssuanceErrors.Refuse(TlsIssuanceError.PayloadSignatureInvalid, "A signature is not a recoverable low-s secp256k1 signature with v 27 or 28.");
            if (_attestors.Contains(address))
            {
                signers.Add(address);
            }
            else
            {
                untrusted++;
            }
        }

        if (signers.Count < Threshold)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.AttestorNotTrusted,
                $"{signers.Count} trusted attestors signed ({untrusted} other signers); {Threshold} are required.");
        }

        byte[] digest = SHA256.HashData([.. Convert.FromHexString(computed.AsSpan(2)), .. claim.Signatures.SelectMany(s => s)]);
        return (claim, [.. signers.Order(StringComparer.Ordinal)], digest);
    }

    private static byte[] BuildPayload(ReclaimClaim claim, ProviderSpec spec)
    {
        JsonObject context = ParseObject(claim.Context, "claimData.context");
        string providerHash = context["providerHash"] is JsonValue h && h.GetValueKind() == JsonValueKind.String ? h.GetValue<string>() : "";
        if (!spec.ReclaimProviderHashes.Contains(providerHash, StringComparer.OrdinalIgnoreCase))
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.RequestMismatch, "The proof's providerHash is not allowed by the provider spec.");
        }

        JsonObject message = context["contextMessage"] is JsonValue m && m.GetValueKind() == JsonValueKind.String
            ? ParseObject(m.GetValue<string>(), "claimData.context.contextMessage")
            : throw TlsIssuanceErrors.Malformed("The proof's context has no contextMessage.");
        JsonObject parameters = ParseObject(claim.Parameters, "claimData.parameters");
        var payload = new JsonObject
        {
            ["v"] = 1,
            ["provider"] = spec.Id,
            ["nonce"] = message["nonce"]?.DeepClone(),
            ["owner"] = message["owner"]?.DeepClone(),
            ["notarized_at"] = claim.TimestampS,
            ["request"] = new JsonObject { ["method"] = parameters["method"]?.DeepClone(), ["url"] = parameters["url"]?.DeepClone(), ["status"] = 200 },
            ["response"] = context["extractedParameters"]?.DeepClone() ?? new JsonObject(),
        };
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    private static JsonObject ParseObject(string json, string path)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false }) as JsonObject
                ?? throw TlsIssuanceErrors.Malformed($"{path} is not a JSON object.");
        }
        catch (JsonException)
        {
            throw TlsIssuanceErrors.Malformed($"{path} is not a JSON object.");
        }
    }
}
