using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the site believes:
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges),
/// each an array or one comma-separated value, and <c>ForwardedHeaders:ForwardLimit</c>, how many proxies
/// in a row may speak for the client (default 1: the proxy in front of the site).
/// <para>
/// With none configured the headers are ignored entirely, from every address, loopback included: a
/// visitor who could set them would choose their own rate-limit bucket and client hash, and make a
/// plain-HTTP request look like HTTPS. ASP.NET Core's own default would believe loopback, which is
/// wrong for this site: anything on the same machine (another service, an SSH tunnel) is not
/// necessarily the TLS proxy. A proxy on the same machine is named like any other (<c>127.0.0.1</c>).
/// </para>
/// Read, and refused with a message naming the key, when the app starts.
/// </summary>
public sealed class ProxySettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>A longer chain of proxies than this is a configuration mistake, not a deployment.</summary>
    public const int MaxForwardLimit = 10;

    private ProxySettings(IReadOnlyList<IPAddress> proxies, IReadOnlyList<System.Net.IPNetwork> networks, int forwardLimit)
    {
        KnownProxies = proxies;
        KnownNetworks = networks;
        ForwardLimit = forwardLimit;
    }

    public IReadOnlyList<IPAddress> KnownProxies { get; }

    public IReadOnlyList<System.Net.IPNetwork> KnownNetworks { get; }

    public int ForwardLimit { get; }

    /// <summary>Whether any proxy is configured; without one, forwarded headers are not read at all.</summary>
    public bool AnyProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public static ProxySettings Read(IConfiguration configuration)
    {
        var proxies = new List<IPAddress>();
        foreach (var text in Entries(configuration, "KnownProxies"))
        {
            // IPAddress.TryParse also takes "10" or "127.1"; a proxy is written in full.
            if (!IPAddress.TryParse(text, out var address)
                || (address.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3))
            {
                throw new InvalidOperationException(
                    $"{Section}:KnownProxies has \"{text}\", which is not an IP address. Name each proxy by its address, e.g. 10.0.0.5 or fd00::5.");
            }

            proxies.Add(address);
        }

        var networks = new List<System.Net.IPNetwork>();
        foreach (var text in Entries(configuration, "KnownNetworks"))
        {
            // "10.0.0.1/8" parses as 10.0.0.0/8; a network with host bits set is most likely a mistake.
            if (!System.Net.IPNetwork.TryParse(text, out var network)
                || !IPAddress.TryParse(text.Split('/')[0], out var written)
                || !written.Equals(network.BaseAddress))
            {
                throw new InvalidOperationException(
                    $"{Section}:KnownNetworks has \"{text}\", which is not a network in CIDR form, e.g. 10.0.0.0/24 (no host bits set after the prefix).");
            }

            networks.Add(network);
        }

        var limitText = configuration[$"{Section}:ForwardLimit"];
        var limit = 1;
        if (!string.IsNullOrWhiteSpace(limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxForwardLimit))
        {
            throw new InvalidOperationException(
                $"{Section}:ForwardLimit must be a whole number from 1 to {MaxForwardLimit} (how many proxies in a row pass the request on; 1 for one proxy), not \"{limitText}\".");
        }

        return new ProxySettings(proxies, networks, limit);
    }

    /// <summary>Applies the settings: only the named proxies are believed, for at most <see cref="ForwardLimit"/> hops.</summary>
    public void Apply(ForwardedHeadersOptions options)
    {
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        // Also guards against ASPNETCORE_FORWARDEDHEADERS_ENABLED, which would otherwise believe everyone.
        options.ForwardedHeaders = AnyProxy ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
        options.ForwardLimit = ForwardLimit;
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(proxy);
        }

        foreach (var network in KnownNetworks)
        {
            options.KnownIPNetworks.Add(network);
        }
    }

    /// <summary>An array (<c>KnownProxies:0</c>, <c>KnownProxies:1</c>, ...) or one value listing them with commas.</summary>
    private static IEnumerable<string> Entries(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection($"{Section}:{key}");
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return values
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase);
    }
}
