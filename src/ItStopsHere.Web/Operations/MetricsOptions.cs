namespace ItStopsHere.Web.Operations;

/// <summary>The metrics listener: the <c>Metrics</c> configuration section. Off unless a port is set.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public const string DefaultHost = "127.0.0.1";

    /// <summary>The port <c>/metrics</c> (and the health endpoints) are served on; none: no metrics.</summary>
    public int? Port { get; set; }

    /// <summary>The address the metrics listener binds to; empty: loopback (<see cref="DefaultHost"/>).</summary>
    public string? Host { get; set; }

    /// <summary>The port when it is set and valid (validation stops the app otherwise).</summary>
    public int? ListenPort => Port is >= 1 and <= 65535 ? Port : null;

    public string ListenHost => string.IsNullOrWhiteSpace(Host) ? DefaultHost : Host;

    public static MetricsOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<MetricsOptions>() ?? new MetricsOptions();
}
