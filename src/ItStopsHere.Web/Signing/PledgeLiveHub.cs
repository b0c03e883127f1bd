using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// Broadcasts pledge changes to every open <c>/pledge/live</c> stream. Each client has its own small
/// bounded queue; the hub writes each broadcast out once, as the bytes of its Server-Sent Events, and
/// hands the same frame to every client, so thousands of clients cost a few thousand queue writes and
/// one socket write each per broadcast, and no database work at all. (Handing each client the events
/// one by one cost a UTF-8 encoding and a flush per event per client: with 10,000 clients that was
/// what made a count late.)
/// Changes that arrive faster than <see cref="PledgeLiveOptions.MinBroadcastInterval"/> are sent
/// together, so under a storm each client gets a few count events a second rather than one per signature.
/// Recent events are kept so a reconnecting client catches up from its <c>Last-Event-ID</c>.
/// </summary>
public sealed class PledgeLiveHub : BackgroundService
{
    public const string CountEvent = "count";
    public const string SignatureEvent = "signature";
    public const string RemovedEvent = "removed";
    public const string ResetEvent = "reset";
    public const string HeartbeatEvent = "heartbeat";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _gate = new();
    private readonly HashSet<LiveClient> _clients = [];
    private readonly Queue<(long Id, SseItem<string> Item)> _replay = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly PledgeLiveOptions _options;
    private volatile int _goal;
    private readonly ILogger<PledgeLiveHub> _logger;
    private List<FeedChange> _pending = [];
    private bool _countChanged;
    private PledgeSnapshot _latestSnapshot = PledgeSnapshot.Empty;
    private long _lastEventId;
    private long _replayableAfter;
    private bool _stopped;
    // PostgreSQL (FollowLog): event ids are the change log's ids, the same on every instance.
    private bool _globalIds;
    private long _pendingThrough;

    public PledgeLiveHub(
        IOptions<PledgeOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<PledgeLiveHub> logger)
    {
        _options = options.Value.Live;
        _goal = options.Value.Goal;
        _logger = logger;
        // Ids start from the clock, so an id from before a restart is always older than any id after it:
        // a client that reconnects to a new process is given a fresh start instead of a wrong catch-up.
        _lastEventId = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        _replayableAfter = _lastEventId;
        // End every stream as soon as the app starts stopping, or open streams would hold up the server's shutdown.
        lifetime.ApplicationStopping.Register(CloseAll);
    }

    /// <summary>The id of the newest event; a page rendered now asks the stream for what comes after it.</summary>
    public long LastEventId
    {
        get
        {
            lock (_gate)
            {
                return _lastEventId;
            }
        }
    }

    public int ClientCount
    {
        get
        {
            lock (_gate)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>The goal sent with count events; changed by Admins without a restart.</summary>
    public int Goal => _goal;

    /// <summary>Sets a new goal and sends it to every open stream with the current count.</summary>
    public void SetGoal(int goal)
    {
        if (goal == _goal)
        {
            return;
        }

        _goal = goal;
        lock (_gate)
        {
            _countChanged = true;
        }

        _signal.Writer.TryWrite(true);
    }

    /// <summary>
    /// PostgreSQL, several instances: from now on event ids are the change log's ids (<see cref="FeedChange.EventId"/>),
    /// starting after <paramref name="through"/>, so a browser that reconnects to another instance with its
    /// <c>Last-Event-ID</c> resumes where it left off. Called once, before the site takes requests, or again
    /// after the feed was reloaded from the database (then older ids get a <c>reset</c>).
    /// </summary>
    public void FollowLog(long through, PledgeSnapshot snapshot)
    {
        lock (_gate)
        {
            _globalIds = true;
            _replay.Clear();
            _pending = [];
            _lastEventId = through;
            _replayableAfter = through;
            _pendingThrough = through;
            _countChanged |= snapshot.Total != _latestSnapshot.Total;
            _latestSnapshot = snapshot;
        }

        _signal.Writer.TryWrite(true);
    }

    /// <summary>Called by <see cref="PledgeFeed"/> after changes read from the change log, the last of them <paramref name="through"/>.</summary>
    public void Publish(IReadOnlyList<FeedChange> changes, PledgeSnapshot snapshot, long through)
    {
        lock (_gate)
        {
            _pendingThrough = Math.Max(_pendingThrough, through);
        }

        Publish(changes, snapshot);
    }

    /// <summary>Called by <see cref="PledgeFeed"/> after each committed change.</summary>
    public void Publish(IReadOnlyList<FeedChange> changes, PledgeSnapshot snapshot)
    {
        lock (_gate)
        {
            _pending.AddRange(changes);
            _countChanged |= snapshot.Total != _latestSnapshot.Total;
            _latestSnapshot = snapshot;
        }

        _signal.Writer.TryWrite(true);
    }

    /// <summary>
    /// A new client's stream. With <paramref name="lastEventId"/> it first replays what the client
    /// missed (or, if that is too old, sends a <c>reset</c> with the current state); without, it starts
    /// with the current count.
    /// </summary>
    /// <remarks>Each item is the UTF-8 text of one or more whole events, ready to write and flush.</remarks>
    public IAsyncEnumerable<ReadOnlyMemory<byte>> Subscribe(string? lastEventId, CancellationToken cancellationToken)
    {
        var client = new LiveClient(_options.ClientBufferSize);
        lock (_gate)
        {
            if (_stopped)
            {
                client.Close();
                return client.ReadAsync(this, cancellationToken);
            }

            var snapshot = _latestSnapshot;
            if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
            {
                client.TryWrite(LiveFrame.Of([CountItem(snapshot, _lastEventId)]));
            }
            else if (_globalIds && after > _lastEventId && after - _lastEventId <= _options.ReplayBufferSize)
            {
                // It comes from an instance a moment ahead of this one: it has already seen the events up to
                // its id, which this instance is about to broadcast. Send it only those after its id. (An id
                // far ahead is not one of the log's: a page from before the move to PostgreSQL, whose ids
                // came from the clock. That gets a reset below.)
                client.SkipThrough = after;
            }
            else
            {
                var missed = after < _replayableAfter || after > _lastEventId
                    ? null
                    : _replay.Where(e => e.Id > after).Select(e => e.Item).ToList();
                if (missed is null || missed.Count > _options.ClientBufferSize - 2)
                {
                    // Too old (or from before a restart), or more than its queue holds: start it afresh.
                    client.TryWrite(LiveFrame.Of([ResetItem(snapshot, _lastEventId)]));
                }
                else
                {
                    client.TryWrite(LiveFrame.Of([.. missed, CountItem(snapshot, _lastEventId)]));
                }
            }

            _clients.Add(client);
        }

        return client.ReadAsync(this, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var changed = await WaitForChangeAsync(stoppingToken);
                if (!changed)
                {
                    Broadcast([new SseItem<string>("", HeartbeatEvent)], remember: false);
                    continue;
                }

                BroadcastPending();
                // Coalesce: whatever arrives while we wait goes out together in the next round.
                await Task.Delay(_options.MinBroadcastInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Ends every stream and refuses new ones; browsers reconnect to the next process.</summary>
    private void CloseAll()
    {
        lock (_gate)
        {
            _stopped = true;
            foreach (var client in _clients)
            {
                client.Close();
            }

            _clients.Clear();
        }
    }

    private async Task<bool> WaitForChangeAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.HeartbeatInterval);
        try
        {
            await _signal.Reader.ReadAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void BroadcastPending()
    {
        List<FeedChange> changes;
        PledgeSnapshot snapshot;
        bool countChanged;
        bool globalIds;
        long through;
        lock (_gate)
        {
            globalIds = _globalIds;
            through = _pendingThrough;
            changes = _pending;
            _pending = [];
            snapshot = _latestSnapshot;
            countChanged = _countChanged;
            _countChanged = false;
        }

        // Offline pledges and goal changes move the count without any signature changing.
        if (changes.Count == 0 && !countChanged)
        {
            return;
        }

        // In a storm only the newest signatures are worth sending: older ones would scroll off the feed.
        var publishedNumbers = changes.Where(c => c.IsPublished).Select(c => c.Facts.Number).ToList();
        var skip = Math.Max(0, publishedNumbers.Count - _options.MaxSignaturesPerBroadcast);
        var skipped = publishedNumbers.Order().Take(skip).ToHashSet();

        var items = new List<SseItem<string>>();
        foreach (var change in changes)
        {
            if (change.IsPublished)
            {
                if (!skipped.Contains(change.Facts.Number))
                {
                    items.Add(Logged(new SseItem<string>(JsonSerializer.Serialize(LiveSignature.From(change.Facts.ToPublic()), Json), SignatureEvent), change.EventId, globalIds));
                }
            }
            else
            {
                items.Add(Logged(new SseItem<string>(JsonSerializer.Serialize(new { number = change.Facts.Number }, Json), RemovedEvent), change.EventId, globalIds));
            }
        }

        // On PostgreSQL the count carries the id of the last log row it includes.
        items.Add(Logged(new SseItem<string>(CountJson(snapshot), CountEvent), through, globalIds));
        Broadcast(items, remember: true);
    }

    private static SseItem<string> Logged(SseItem<string> item, long id, bool globalIds) =>
        globalIds ? item with { EventId = id.ToString(CultureInfo.InvariantCulture) } : item;

    /// <summary>Gives each item its id, keeps it for replay, and hands it to every client.</summary>
    private void Broadcast(List<SseItem<string>> items, bool remember)
    {
        lock (_gate)
        {
            var stamped = new List<SseItem<string>>(items.Count);
            foreach (var item in items)
            {
                if (!remember)
                {
                    stamped.Add(item);
                    continue;
                }

                // The change log's id on PostgreSQL (set in BroadcastPending); this process's own sequence on SQLite.
                long id;
                if (_globalIds && item.EventId is { } logged)
                {
                    id = long.Parse(logged, NumberStyles.None, CultureInfo.InvariantCulture);
                    _lastEventId = Math.Max(_lastEventId, id);
                }
                else
                {
                    id = ++_lastEventId;
                }

                var withId = item with { EventId = id.ToString(CultureInfo.InvariantCulture) };
                stamped.Add(withId);
                // Count events are not kept: a catch-up always ends with the current count.
                if (item.EventType != CountEvent)
                {
                    _replay.Enqueue((id, withId));
                    while (_replay.Count > _options.ReplayBufferSize)
                    {
                        _replayableAfter = _replay.Dequeue().Id;
                    }
                }
            }

            var frame = LiveFrame.Of(stamped);
            List<LiveClient>? dropped = null;
            foreach (var client in _clients)
            {
                var clientFrame = frame;
                if (client.SkipThrough > 0 && remember)
                {
                    var newer = stamped.Where(i => long.Parse(i.EventId!, NumberStyles.None, CultureInfo.InvariantCulture) > client.SkipThrough).ToList();
                    if (stamped.Count > 0 && long.Parse(stamped[^1].EventId!, NumberStyles.None, CultureInfo.InvariantCulture) >= client.SkipThrough)
                    {
                        client.SkipThrough = 0;
                    }

                    if (newer.Count == 0)
                    {
                        continue;
                    }

                    clientFrame = LiveFrame.Of(newer);
                }

                if (!client.TryWrite(clientFrame))
                {
                    // Too far behind: end its stream; the browser reconnects and catches up from its last id.
                    (dropped ??= []).Add(client);
                }
            }

            if (dropped is not null)
            {
                foreach (var client in dropped)
                {
                    client.Close();
                    _clients.Remove(client);
                }

                _logger.LogInformation("Disconnected {ClientCount} live client(s) that fell behind", dropped.Count);
                Operations.SiteMetrics.LiveClientsFellBehind(dropped.Count, frame.Events);
            }
        }
    }

    private void Remove(LiveClient client)
    {
        lock (_gate)
        {
            _clients.Remove(client);
        }
    }

    private string CountJson(PledgeSnapshot snapshot) =>
        // committedAt is when the newest change was committed (the feed's snapshot time): it lets a
        // client, or the benchmark, measure how long a change took to reach it.
        JsonSerializer.Serialize(new { count = snapshot.Total, countText = UkFormat.Number(snapshot.Total), goal = _goal, committedAt = snapshot.UpdatedAt }, Json);

    private SseItem<string> CountItem(PledgeSnapshot snapshot, long id) =>
        new(CountJson(snapshot), CountEvent) { EventId = id.ToString(CultureInfo.InvariantCulture) };

    private SseItem<string> ResetItem(PledgeSnapshot snapshot, long id) =>
        new(JsonSerializer.Serialize(new
        {
            count = snapshot.Total,
            countText = UkFormat.Number(snapshot.Total),
            goal = _goal,
            signatures = snapshot.Latest.Select(LiveSignature.From),
        }, Json), ResetEvent)
        { EventId = id.ToString(CultureInfo.InvariantCulture) };

    /// <summary>The public fields of a signature, as the live feed sends them. Never an email address.</summary>
    public sealed record LiveSignature(long Number, string NumberText, string Name, string Description, string Type, string Date, string Datetime)
    {
        public static LiveSignature From(PublicSignature s) =>
            new(s.Number, s.NumberText, s.DisplayName, s.Description, s.TypeKey, s.DateText, s.MachineDate);
    }

    /// <summary>
    /// Events written out once as Server-Sent Events text (UTF-8), shared by every client they go to.
    /// <see cref="Events"/> counts them against a client's <see cref="PledgeLiveOptions.ClientBufferSize"/>.
    /// </summary>
    internal sealed record LiveFrame(ReadOnlyMemory<byte> Bytes, int Events)
    {
        public static LiveFrame Of(IReadOnlyCollection<SseItem<string>> items)
        {
            var text = new System.Text.StringBuilder();
            foreach (var item in items)
            {
                text.Append("event: ").Append(item.EventType).Append('\n');
                if (item.EventId is { } id)
                {
                    text.Append("id: ").Append(id).Append('\n');
                }

                // JSON has no raw line breaks, but a data field must not carry one: each line is its own field.
                foreach (var line in item.Data.Split('\n'))
                {
                    text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
                }

                text.Append('\n');
            }

            return new LiveFrame(System.Text.Encoding.UTF8.GetBytes(text.ToString()), items.Count);
        }
    }

    private sealed class LiveClient(int capacity)
    {
        // Unbounded as a channel; bounded in events by TryWrite, so one frame is never half queued.
        private readonly Channel<LiveFrame> _channel = Channel.CreateUnbounded<LiveFrame>(new UnboundedChannelOptions
        {
            SingleReader = true,
            SingleWriter = false,
        });

        private int _queuedEvents;

        /// <summary>PostgreSQL: the id this client has already seen, when it came from an instance that was ahead (hub's lock).</summary>
        public long SkipThrough { get; set; }

        /// <summary>
        /// Queues the frame, or refuses it if the client would then be more than its capacity behind. A
        /// client with nothing queued takes any frame (a catch-up on connecting can be a long one).
        /// </summary>
        public bool TryWrite(LiveFrame frame)
        {
            var queued = Interlocked.Add(ref _queuedEvents, frame.Events);
            if (queued > capacity && queued != frame.Events)
            {
                Interlocked.Add(ref _queuedEvents, -frame.Events);
                return false;
            }

            return _channel.Writer.TryWrite(frame);
        }

        public void Close() => _channel.Writer.TryComplete();

        public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(PledgeLiveHub hub, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            try
            {
                while (await WaitAsync(cancellationToken))
                {
                    // Everything queued goes out as one write, so a client that fell behind catches up in one flush.
                    List<LiveFrame>? several = null;
                    LiveFrame? first = null;
                    while (_channel.Reader.TryRead(out var frame))
                    {
                        Interlocked.Add(ref _queuedEvents, -frame.Events);
                        if (first is null)
                        {
                            first = frame;
                        }
                        else
                        {
                            (several ??= [first]).Add(frame);
                        }
                    }

                    if (several is not null)
                    {
                        yield return Concat(several);
                    }
                    else if (first is not null)
                    {
                        yield return first.Bytes;
                    }
                }
            }
            finally
            {
                hub.Remove(this);
                Close();
            }
        }

        private static byte[] Concat(List<LiveFrame> frames)
        {
            var bytes = new byte[frames.Sum(f => f.Bytes.Length)];
            var at = 0;
            foreach (var frame in frames)
            {
                frame.Bytes.CopyTo(bytes.AsMemory(at));
                at += frame.Bytes.Length;
            }

            return bytes;
        }

        private async Task<bool> WaitAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await _channel.Reader.WaitToReadAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
