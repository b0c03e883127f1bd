namespace ItStopsHere.Web.Signing;

public sealed class PledgeLiveOptions
{
    /// <summary>A comment-like heartbeat keeps proxies from closing quiet connections.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Changes arriving faster than this are sent together, so a storm is a few events a second.</summary>
    public TimeSpan MinBroadcastInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Events a slow client may fall behind before it is disconnected (it reconnects and catches up).</summary>
    public int ClientBufferSize { get; set; } = 256;

    /// <summary>Recent events kept so a reconnecting client can catch up from its Last-Event-ID.</summary>
    public int ReplayBufferSize { get; set; } = 1024;

    /// <summary>Newest signatures sent per broadcast; older ones in a storm would scroll off the feed anyway.</summary>
    public int MaxSignaturesPerBroadcast { get; set; } = 20;

    /// <summary>
    /// Open live streams one client (an IPv4 address or an IPv6 /64) may hold. A browser holds one per open
    /// page with a live count; a lecture theatre behind one NAT address holds one per phone. A client over
    /// it gets 503 and the page keeps its server-rendered count. See the README for the sizing.
    /// </summary>
    public int MaxConnectionsPerClient { get; set; } = 500;

    /// <summary>
    /// Open live streams in all. Empty: sized from the process's open-file limit
    /// (<see cref="Infrastructure.OpenFileLimit.DefaultLiveConnections"/>), leaving room for ordinary requests.
    /// </summary>
    public int? MaxConnections { get; set; }

    /// <summary>What a refused stream is told: <c>Retry-After</c> and the SSE <c>retry:</c> field.</summary>
    public TimeSpan RefusedRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
