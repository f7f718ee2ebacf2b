using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pod.Issuers.Tls.Providers;

/// <summary>The entries and normalized UID inputs a spec extracts from a verified response.</summary>
internal sealed record ExtractedClaims(IReadOnlyList<KeyValuePair<string, PodValue>> Entries, IReadOnlyList<string> UidInputs)
{
    /// <summary>Counts only: the values are personal data.</summary>
    public override string ToString() => $"ExtractedClaims ({Entries.Count} entries, {UidInputs.Count} UID inputs)";
}

/// <summary>
/// Applies a <see cref="ProviderSpec"/> to a verified provider response: acceptance rules, claims with strict
/// coercion, UID inputs, derived entries. Errors name the spec path or entry, never the response's values.
/// </summary>
internal static class ClaimExtractor
{
    private const int MaxStringLength = 1024;

    /// <exception cref="IssuanceRefusal">ProviderRejected, ClaimMissing or ClaimTypeMismatch.</exception>
    public static ExtractedClaims Extract(ProviderSpec spec, JsonNode response, DateTimeOffset issuedAt)
    {
        for (int i = 0; i < spec.Accept.Length; i++)
        {
            if (!spec.Accept[i].Accepts(response))
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.ProviderRejected, $"The response fails acceptance rule {i} ({spec.Accept[i].Path}).");
            }
        }

        var entries = new List<KeyValuePair<string, PodValue>>();
        var dates = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (ClaimRule claim in spec.Claims)
        {
            if (!claim.Path.TryEvaluate(response, out JsonNode node))
            {
                if (claim.Required)
                {
                    throw TlsIssuanceErrors.Refuse(TlsIssuanceError.ClaimMissing, $"The claim {claim.Entry} ({claim.Path}) is missing.");
                }

                continue;
            }

            PodValue value = Coerce(claim, node);
            if (value is PodDateValue d)
            {
                dates[claim.Entry] = d.Milliseconds;
            }

            entries.Add(new(claim.Entry, value));
        }

        foreach (DerivedRule derived in spec.Derived)
        {
            if (dates.TryGetValue(derived.From, out long ms))
            {
                DateTimeOffset birth = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                bool atLeast = birth.Year + derived.Years < 10000 && birth.AddYears(derived.Years) <= issuedAt;
                entries.Add(new(derived.Entry, PodValue.Boolean(atLeast)));
            }
        }

        var uidInputs = new List<string>();
        for (int i = 0; i < spec.Uid.Inputs.Length; i++)
        {
            JsonPath path = spec.Uid.Inputs[i];
            if (!path.TryEvaluate(response, out JsonNode node))
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.ClaimMissing, $"The UID input {i} ({path}) is missing.");
            }

            string text = node.GetValueKind() switch
            {
                JsonValueKind.String => node.GetValue<string>(),
                JsonValueKind.Number when Providers.Coerce.TryInt64(node, out long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => throw TlsIssuanceErrors.Refuse(TlsIssuanceError.ClaimTypeMismatch, $"The UID input {i} ({path}) must be a string or an integer."),
            };
            string normalized = TextStep.Apply(text, spec.Uid.Normalize);
            if (normalized.Length == 0 || normalized.Length > MaxStringLength || normalized.Contains('\u001F', StringComparison.Ordinal))
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.ClaimTypeMismatch, $"The UID input {i} ({path}) is empty, too long or contains U+001F after normalization.");
            }

            uidInputs.Add(normalized);
        }

        return new ExtractedClaims(entries, uidInputs);
    }

    private static PodValue Coerce(ClaimRule claim, JsonNode node)
    {
        switch (claim.Type)
        {
            case ClaimType.String when node.GetValueKind() == JsonValueKind.String:
                string text = TextStep.Apply(node.GetValue<string>().Normalize(NormalizationForm.FormC), claim.Transforms);
                if (text.Length > MaxStringLength)
                {
                    throw TlsIssuanceErrors.ClaimMismatch(claim.Entry, claim.Path.Text, $"longer than {MaxStringLength} characters");
                }

                if (claim.Allowed.Length > 0 && !claim.Allowed.Contains(text, StringComparer.Ordinal))
                {
                    throw TlsIssuanceErrors.ClaimMismatch(claim.Entry, claim.Path.Text, "not one of the allowed values");
                }

                return PodValue.String(text);
            case ClaimType.Int when Providers.Coerce.TryInt64(node, out long n):
                return PodValue.Int(n);
            case ClaimType.Fixed when Providers.Coerce.TryFixed(node, claim.Scale, out long f):
                return PodValue.Int(f);
            case ClaimType.Boolean when node.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return PodValue.Boolean(node.GetValue<bool>());
            case ClaimType.Date when Providers.Coerce.TryDateMilliseconds(node, claim.Format!.Value, out long ms):
                return PodValue.Date(ms);
            default:
                throw TlsIssuanceErrors.ClaimMismatch(claim.Entry, claim.Path.Text, $"not a {claim.Type.ToString().ToLowerInvariant()}{(claim.FormatText is null ? "" : $" in format {claim.FormatText}")}{(claim.Type == ClaimType.Fixed ? $" with at most {claim.Scale} decimals in the Int64 range" : "")}");
        }
    }
}
