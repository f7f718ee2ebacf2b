using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pod.Issuers.Tls.Providers;

/// <summary>The notarized request a spec expects: method, an anchored URL pattern, accepted statuses.</summary>
internal sealed record RequestRule(string Method, Regex Url, int[] Status)
{
    public static RequestRule Parse(JsonObject obj, string path)
    {
        ProviderSpec.RejectUnknown(obj, path, ["method", "url", "status"]);
        string method = ProviderSpec.RequiredString(obj, "method", path);
        if (method is not ("GET" or "POST"))
        {
            throw new FormatException($"{path}.method must be GET or POST.");
        }

        string url = ProviderSpec.RequiredString(obj, "url", path);
        if (!url.StartsWith('^') || !url.EndsWith('$') || !url.StartsWith("^https://", StringComparison.Ordinal))
        {
            throw new FormatException($"{path}.url must be an anchored pattern (^...$) for an https URL.");
        }

        Regex regex;
        try
        {
            regex = new Regex(url, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{path}.url is not a valid regular expression.", e);
        }

        if (obj["status"] is not JsonArray statuses || statuses.Count == 0)
        {
            throw new FormatException($"{path}.status must be a non-empty array of HTTP status codes.");
        }

        int[] status = statuses.Select((n, i) => n is not null && n.GetValueKind() == JsonValueKind.Number && n.AsValue().TryGetValue(out int s) && s is >= 100 and <= 599
            ? s
            : throw new FormatException($"{path}.status[{i}] must be an HTTP status code.")).ToArray();
        return new RequestRule(method, regex, status);
    }
}
