using System.Globalization;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// The process's open-file (descriptor) limit, read once at start, and the connection limits sized from
/// it. Every connection is a descriptor; so are the SQLite files (three per pooled connection), the
/// logs, the emails being written and the runtime's own. A process that runs out cannot accept, open its
/// database or write a file: in a penetration test, 20,000 connections to the live stream made it fail
/// in all of those ways at once. So the server stops accepting connections a little before the limit,
/// and the live stream stops well before that, leaving room for everyone who just wants a page.
/// </summary>
/// <remarks>
/// On Linux the soft <c>RLIMIT_NOFILE</c> comes from <c>/proc/self/limits</c>, after the .NET runtime
/// has raised it to the hard limit as it does at start. Elsewhere (a developer's Windows or macOS) it is
/// unknown, and the limits fall back to fixed values.
/// </remarks>
public static class OpenFileLimit
{
    /// <summary>Descriptors kept for everything that is not a client connection.</summary>
    public const int NonConnectionReserve = 512;

    /// <summary>
    /// Most live-stream connections by default, however many descriptors there are: 10,000 clients is what
    /// the benchmark shows a 2-core host serving with each change reaching all of them within a second
    /// (README, "Performance"). A bigger host can raise <c>Pledge:Live:MaxConnections</c>.
    /// </summary>
    public const int LiveConnectionCeiling = 10_000;

    /// <summary>Fewest connections the live stream must leave for ordinary requests (half of them, where there are fewer than twice this).</summary>
    public const int MinimumPageHeadroom = 256;

    private static readonly Lazy<long?> Current = new(() => Read("/proc/self/limits"));

    /// <summary>The soft open-file limit in force, or null when it cannot be read (not Linux) or is unlimited.</summary>
    public static long? Soft => Current.Value;

    /// <summary>The server's <c>MaxConcurrentConnections</c>: the limit less the reserve; null (no limit) when unknown.</summary>
    public static long? MaxServerConnections => ServerConnectionsFor(Soft);

    /// <summary>The live stream's default global cap.</summary>
    public static int DefaultLiveConnections => LiveConnectionsFor(Soft);

    /// <summary>The most live connections configuration may ask for: always leaves room for ordinary pages.</summary>
    public static int MaxAllowedLiveConnections => MaxAllowedLiveConnectionsFor(Soft);

    public static long? ServerConnectionsFor(long? descriptors) =>
        descriptors is not { } limit ? null : Math.Max(64, limit - Math.Min(NonConnectionReserve, limit / 2));

    /// <summary>
    /// The server's connections less the room left for pages: a quarter of them, and at least 1,024 where
    /// there are enough (half of them where there are not), capped at <see cref="LiveConnectionCeiling"/>.
    /// With 20,000 descriptors: 19,488 connections, 14,616 for the stream, so the ceiling of 10,000 applies.
    /// With 1,024: 512 connections, 256 for the stream and 256 for pages.
    /// </summary>
    public static int LiveConnectionsFor(long? descriptors)
    {
        if (ServerConnectionsFor(descriptors) is not { } connections)
        {
            return LiveConnectionCeiling;
        }

        var headroom = Math.Max(connections / 4, Math.Min(1024, connections / 2));
        return (int)Math.Clamp(connections - headroom, 1, LiveConnectionCeiling);
    }

    public static int MaxAllowedLiveConnectionsFor(long? descriptors)
    {
        if (ServerConnectionsFor(descriptors) is not { } connections)
        {
            return int.MaxValue;
        }

        var headroom = Math.Max(Math.Min(MinimumPageHeadroom, connections / 2), connections / 10);
        return (int)Math.Clamp(connections - headroom, 1, int.MaxValue);
    }

    /// <summary>The soft limit from a <c>/proc/PID/limits</c> file, or null.</summary>
    public static long? Read(string path)
    {
        try
        {
            return File.Exists(path) ? Parse(File.ReadAllText(path)) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads "Max open files  SOFT  HARD  files" from the text of a limits file.</summary>
    public static long? Parse(string limits)
    {
        const string name = "Max open files";
        foreach (var line in limits.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line[name.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) && soft > 0
                ? soft
                : null; // "unlimited"
        }

        return null;
    }
}
