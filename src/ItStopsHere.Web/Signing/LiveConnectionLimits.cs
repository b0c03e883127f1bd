using System.Diagnostics.Metrics;
using System.Net;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// How many <c>/pledge/live</c> streams may be open: at most <see cref="PledgeLiveOptions.MaxConnectionsPerClient"/>
/// from one client (an IPv4 address or an IPv6 /64, as the signing rate limit tells clients apart) and
/// <see cref="MaxConnections"/> in all. A stream over either cap is refused before it costs anything
/// (no subscription, no queue); the page it came from keeps its server-rendered count.
/// </summary>
/// <remarks>
/// Refusals are counted (the <c>itstopshere.pledge.live.refused</c> counter, by reason) and logged at most
/// once a minute as a number, never with an address, so a storm cannot flood the log either.
/// </remarks>
public sealed class LiveConnectionLimits : IDisposable
{
    public const string MeterName = "ItStopsHere.Pledge.Live";

    /// <summary>A storm of at least this many streams is followed by a full collection once it has ended.</summary>
    public const int TrimAfterStreams = 1000;

    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    /// <summary>Long enough for Kestrel to let go of the closed connections' buffers first.</summary>
    private static readonly TimeSpan TrimDelay = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly ILogger<LiveConnectionLimits> _logger;
    private readonly Counter<long> _refusedCounter;
    private int _open;
    private long _refusedOverClientCap;
    private long _refusedAtGlobalCap;
    private long _unloggedOverClientCap;
    private long _unloggedAtGlobalCap;
    private DateTimeOffset _lastLogged = DateTimeOffset.MinValue;
    private ITimer? _logTimer;
    private int _highWater;
    private ITimer? _trimTimer;

    public LiveConnectionLimits(IOptions<PledgeOptions> options, TimeProvider clock, IMeterFactory meters, ILogger<LiveConnectionLimits> logger)
    {
        var live = options.Value.Live;
        MaxConnectionsPerClient = live.MaxConnectionsPerClient;
        MaxConnections = live.MaxConnections ?? OpenFileLimit.DefaultLiveConnections;
        RetryAfter = live.RefusedRetryAfter;
        _clock = clock;
        _logger = logger;
        // The meter belongs to the factory, which disposes it with the host.
        var meter = meters.Create(MeterName);
        _refusedCounter = meter.CreateCounter<long>(
            "itstopshere.pledge.live.refused", "{connection}", "Live-stream connections refused because a cap was reached");
        meter.CreateObservableUpDownCounter("itstopshere.pledge.live.connections", () => Open, "{connection}", "Open live-stream connections");
    }

    public int MaxConnectionsPerClient { get; }

    public int MaxConnections { get; }

    public TimeSpan RetryAfter { get; }

    /// <summary>Streams open now.</summary>
    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _open;
            }
        }
    }

    /// <summary>Clients with a stream open now (one entry each; none is kept once its last stream closes).</summary>
    public int Clients
    {
        get
        {
            lock (_gate)
            {
                return _perClient.Count;
            }
        }
    }

    /// <summary>Streams refused since start: over the per-client cap, and at the global cap.</summary>
    public (long OverClientCap, long AtGlobalCap) Refused
    {
        get
        {
            lock (_gate)
            {
                return (_refusedOverClientCap, _refusedAtGlobalCap);
            }
        }
    }

    /// <summary>A place for one more stream from this client, or null when a cap is reached. Dispose it when the stream ends.</summary>
    public IDisposable? TryAcquire(IPAddress? address)
    {
        var client = ClientHasher.NetworkOf(address);
        string? refusal = null;
        lock (_gate)
        {
            var held = _perClient.GetValueOrDefault(client);
            if (held >= MaxConnectionsPerClient)
            {
                refusal = "client_cap";
                _refusedOverClientCap++;
                _unloggedOverClientCap++;
            }
            else if (_open >= MaxConnections)
            {
                refusal = "global_cap";
                _refusedAtGlobalCap++;
                _unloggedAtGlobalCap++;
            }
            else
            {
                _perClient[client] = held + 1;
                _open++;
                _highWater = Math.Max(_highWater, _open);
            }

            if (refusal is not null)
            {
                ScheduleLog();
            }
        }

        if (refusal is not null)
        {
            _refusedCounter.Add(1, new KeyValuePair<string, object?>("reason", refusal));
            return null;
        }

        return new Lease(this, client);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _logTimer?.Dispose();
            _logTimer = null;
            _trimTimer?.Dispose();
            _trimTimer = null;
        }

        LogRefusals();
    }

    private void Release(string client)
    {
        lock (_gate)
        {
            _open--;
            var held = _perClient[client] - 1;
            if (held == 0)
            {
                _perClient.Remove(client);
            }
            else
            {
                _perClient[client] = held;
            }

            if (_highWater >= TrimAfterStreams && _open <= _highWater / 4 && _trimTimer is null)
            {
                _trimTimer = _clock.CreateTimer(_ => GiveMemoryBack(), null, TrimDelay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>
    /// After a storm of streams has ended, their memory is garbage, but nothing else allocates enough to
    /// start a collection, so without this the process would keep its peak size for good (the penetration
    /// test saw 1.6 GB stay). One blocking, compacting collection that returns free memory to the system
    /// runs once, some seconds after the open streams fell to a quarter of their peak.
    /// </summary>
    private void GiveMemoryBack()
    {
        int peak;
        int open;
        lock (_gate)
        {
            _trimTimer?.Dispose();
            _trimTimer = null;
            if (_open > _highWater / 4)
            {
                return;
            }

            peak = _highWater;
            open = _open;
            _highWater = _open;
        }

        var before = Environment.WorkingSet;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _logger.LogInformation(
            "Live streams fell from {PeakConnections} to {OpenConnections}; a full collection took the working set from {WorkingSetBeforeMb} MB to {WorkingSetAfterMb} MB",
            peak, open, before / 1048576, Environment.WorkingSet / 1048576);
    }

    /// <summary>The first refusal after a quiet minute is logged at once; later ones together, a minute after the last line.</summary>
    private void ScheduleLog()
    {
        if (_logTimer is not null)
        {
            return;
        }

        var due = _lastLogged + LogInterval - _clock.GetUtcNow();
        _logTimer = _clock.CreateTimer(_ => LogRefusals(), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void LogRefusals()
    {
        long overClientCap;
        long atGlobalCap;
        int open;
        lock (_gate)
        {
            _logTimer?.Dispose();
            _logTimer = null;
            overClientCap = _unloggedOverClientCap;
            atGlobalCap = _unloggedAtGlobalCap;
            _unloggedOverClientCap = 0;
            _unloggedAtGlobalCap = 0;
            open = _open;
            if (overClientCap + atGlobalCap == 0)
            {
                return;
            }

            _lastLogged = _clock.GetUtcNow();
        }

        _logger.LogWarning(
            "Live stream refused {RefusedConnections} connection(s): {OverClientCap} over the per-client cap of {MaxConnectionsPerClient}, {AtGlobalCap} at the global cap of {MaxConnections}; {OpenConnections} open",
            overClientCap + atGlobalCap, overClientCap, MaxConnectionsPerClient, atGlobalCap, MaxConnections, open);
    }

    private sealed class Lease(LiveConnectionLimits limits, string client) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                limits.Release(client);
            }
        }
    }
}
