using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pod.Issuers.Tls.Providers;

/// <summary>Strict coercions of JSON nodes to POD values.</summary>
internal static class Coerce
{
    public static bool TryInt64(JsonNode node, out long value)
    {
        value = 0;
        return node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue(out JsonElement e) && e.TryGetInt64(out value);
    }

    public static bool TryFixed(JsonNode node, int scale, out long value)
    {
        value = 0;
        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue(out JsonElement e)
            || !decimal.TryParse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d))
        {
            return false;
        }

        decimal scaled;
        try
        {
            scaled = d * Pow10(scale);
        }
        catch (OverflowException)
        {
            return false;
        }

        if (scaled != decimal.Truncate(scaled) || scaled < long.MinValue || scaled > long.MaxValue)
        {
            return false;
        }

        value = (long)scaled;
        return true;
    }

    public static bool TryDateMilliseconds(JsonNode node, ClaimDateFormat format, out long milliseconds)
    {
        milliseconds = 0;
        if (format is ClaimDateFormat.UnixSeconds or ClaimDateFormat.UnixMilliseconds)
        {
            if (!TryInt64(node, out long n))
            {
                return false;
            }

            long ms;
            try
            {
                ms = format == ClaimDateFormat.UnixSeconds ? checked(n * 1000) : n;
            }
            catch (OverflowException)
            {
                return false;
            }

            milliseconds = ms;
            return ms is >= Pod.PodValue.DateMinMilliseconds and <= Pod.PodValue.DateMaxMilliseconds;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        string text = node.GetValue<string>();
        DateTimeStyles styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        bool ok = format == ClaimDateFormat.IsoDate
            ? DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out DateTimeOffset date)
            : DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, styles, out date);
        milliseconds = ok ? date.ToUnixTimeMilliseconds() : 0;
        return ok;
    }

    private static decimal Pow10(int scale)
    {
        decimal p = 1;
        for (int i = 0; i < scale; i++)
        {
            p *= 10;
        }

        return p;
    }
}
