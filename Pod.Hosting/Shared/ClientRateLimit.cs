using System.Net;

namespace Pod.Hosting;

/// <summary>
/// A fixed window of requests per client. The client is the connection's remote address, unless the connection comes
/// from a trusted proxy: then it is the nearest untrusted address in <c>X-Forwarded-For</c>. Without a trusted proxy the
/// header is ignored, so a client cannot pick its own partition. <c>/health</c> is never limited.
/// </summary>
public sealed record ClientRateLimit
{
    /// <summary>Requests a client may make in one window.</summary>
    public int PermitLimit { get; init; } = 60;

    /// <summary>The window's length.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The proxies (addresses or networks) whose <c>X-Forwarded-For</c> is believed; empty: the header is ignored.</summary>
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>
    /// The partition key of a request, after the forwarded address was applied; null: the client address. A service
    /// behind an authenticating gateway may partition by account instead.
    /// </summary>
    public Func<HttpContext, string>? PartitionKey { get; init; }

    /// <summary>
    /// These settings with the ones given in a configuration section (<c>PermitLimit</c>, <c>WindowSeconds</c>,
    /// <c>TrustedProxies</c> as a list or a comma-separated string of addresses and CIDR networks), for example the
    /// <c>Verifier:RateLimit</c> section of <c>pod verifier serve</c>, from the environment:
    /// <c>POD_Verifier__RateLimit__PermitLimit=600</c>, <c>POD_Verifier__RateLimit__TrustedProxies=10.0.0.0/8</c>.
    /// </summary>
    /// <param name="section">The <c>RateLimit</c> section (its keys are named with its path in messages).</param>
    /// <returns>A copy with the configured values; this instance when the section is empty.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="section"/> is null.</exception>
    /// <exception cref="FormatException">A configured value is not a positive integer or an address or network.</exception>
    public ClientRateLimit WithConfiguration(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        ClientRateLimit result = this;
        if (section["PermitLimit"] is { } permits)
        {
            result = result with { PermitLimit = Positive(section.Path + ":PermitLimit", permits) };
        }

        if (section["WindowSeconds"] is { } seconds)
        {
            result = result with { Window = TimeSpan.FromSeconds(Positive(section.Path + ":WindowSeconds", seconds)) };
        }

        string[] proxies = section.GetSection("TrustedProxies") is { } list && list.Value is { } joined
            ? joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [.. section.GetSection("TrustedProxies").GetChildren().Select(c => c.Value ?? "")];
        if (proxies.Length > 0)
        {
            result = result with { TrustedProxies = [.. proxies.Select(ParseNetwork)] };
        }

        return result;
    }

    /// <summary>An address (a network of one) or a CIDR network.</summary>
    /// <param name="text">An IPv4 or IPv6 address, or a network such as <c>10.0.0.0/8</c>.</param>
    /// <returns>The network.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">Neither an address nor a network.</exception>
    public static IPNetwork ParseNetwork(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IPAddress.TryParse(text, out IPAddress? address))
        {
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        return IPNetwork.TryParse(text, out IPNetwork network)
            ? network
            : throw new FormatException($"Invalid trusted proxy \"{text}\": expected an IP address or a CIDR network such as 10.0.0.0/8.");
    }

    private static int Positive(string name, string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new FormatException($"Invalid {name} \"{text}\": expected a positive integer.");
}
