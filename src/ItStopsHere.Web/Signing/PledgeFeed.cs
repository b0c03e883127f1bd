using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// The one place that knows the published count, the tallies, the newest signatures, the groups that
/// signed and the signatures per day. Loaded once at start-up and updated after each commit by the
/// writer, so a page view reads memory and never runs <c>COUNT(*)</c>. Readers take <see cref="Current"/>
/// (an immutable snapshot) without locking.
/// </summary>
public sealed class PledgeFeed(PledgeLiveHub hub, Microsoft.Extensions.Options.IOptions<PledgeOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly int _feedSize = options.Value.FeedSize;
    private readonly long[] _byType = new long[5];
    private readonly long[] _byAction = new long[SignatureDisplay.Actions.Count];
    private readonly SortedDictionary<DateOnly, long> _daily = [];
    private readonly SortedDictionary<long, PublicSignature> _groups = [];
    private List<PublicSignature> _latest = [];
    private long _count;
    private long _lastNumber;
    private long _offline;
    private volatile PledgeSnapshot _current = PledgeSnapshot.Empty;
    private Action? _catchUp;

    public PledgeSnapshot Current => _current;

    public int FeedSize => _feedSize;

    /// <summary>Replaces everything with what the database holds. Called once, before the site takes requests.</summary>
    public void Load(PledgeFeedSeed seed)
    {
        LoadCore(seed);
        hub.Publish([], _current);
    }

    /// <summary>
    /// PostgreSQL, several instances: from now on the feed follows the database's change log
    /// (<see cref="PledgeChangeLog"/>) instead of the writer. <paramref name="seed"/> and <paramref name="through"/>
    /// (the log's highest id) were read in one snapshot; <paramref name="catchUp"/> reads the log and calls
    /// <see cref="ApplyLogged"/>. Every change, this instance's own included, is then applied once, in the
    /// log's order, with the log's id as its event id.
    /// </summary>
    public void FollowLog(PledgeFeedSeed seed, long through, Action catchUp)
    {
        ArgumentNullException.ThrowIfNull(catchUp);
        LoadCore(seed);
        _catchUp = catchUp;
        hub.FollowLog(through, _current);
    }

    /// <summary>
    /// Applies changes read from the change log (see <see cref="FollowLog"/>); <paramref name="through"/> is
    /// the id of the last log row they include.
    /// </summary>
    public void ApplyLogged(IReadOnlyList<FeedChange> changes, long lastNumber, IReadOnlyList<SignatureFacts>? newestPublished, long offlineDelta, long through)
    {
        var snapshot = ApplyCore(changes, lastNumber, newestPublished, offlineDelta);
        hub.Publish(changes, snapshot, through);
    }

    private void LoadCore(PledgeFeedSeed seed)
    {
        lock (_gate)
        {
            Array.Clear(_byType);
            Array.Clear(_byAction);
            _daily.Clear();
            _groups.Clear();
            _count = 0;
            foreach (var facts in seed.Published)
            {
                Tally(facts, +1);
            }

            _latest = seed.Published.OrderByDescending(f => f.Number).Take(_feedSize).Select(f => f.ToPublic()).ToList();
            _lastNumber = seed.LastNumber;
            _offline = seed.Offline;
            _current = BuildSnapshot();
        }
    }

    /// <summary>
    /// Applies a committed batch of changes and tells the live hub. When signatures were taken down,
    /// <paramref name="newestPublished"/> carries the newest published ones re-read from the database,
    /// so the feed refills rather than shrinking.
    /// </summary>
    /// <remarks>
    /// When the feed follows the database's change log (PostgreSQL), this only reads the log at once: the
    /// committed changes are there, with their global ids, so they are applied once, from there, before the
    /// writer answers the signer.
    /// </remarks>
    public void Apply(IReadOnlyList<FeedChange> changes, long lastNumber, IReadOnlyList<SignatureFacts>? newestPublished = null, long offlineDelta = 0)
    {
        if (_catchUp is { } catchUp)
        {
            catchUp();
            return;
        }

        if (changes.Count == 0 && lastNumber <= _lastNumber && offlineDelta == 0)
        {
            return;
        }

        var snapshot = ApplyCore(changes, lastNumber, newestPublished, offlineDelta);
        hub.Publish(changes, snapshot);
    }

    private PledgeSnapshot ApplyCore(IReadOnlyList<FeedChange> changes, long lastNumber, IReadOnlyList<SignatureFacts>? newestPublished, long offlineDelta)
    {
        PledgeSnapshot snapshot;
        lock (_gate)
        {
            foreach (var change in changes)
            {
                Tally(change.Facts, change.IsPublished ? +1 : -1);
            }

            if (newestPublished is not null)
            {
                _latest = newestPublished.OrderByDescending(f => f.Number).Take(_feedSize).Select(f => f.ToPublic()).ToList();
            }
            else
            {
                var added = changes.Where(c => c.IsPublished).Select(c => c.Facts.ToPublic());
                var removed = changes.Where(c => !c.IsPublished).Select(c => c.Facts.Number).ToHashSet();
                _latest = added.Concat(_latest)
                    .Where(s => !removed.Contains(s.Number))
                    .DistinctBy(s => s.Number)
                    .OrderByDescending(s => s.Number)
                    .Take(_feedSize)
                    .ToList();
            }

            _lastNumber = Math.Max(_lastNumber, lastNumber);
            _offline += offlineDelta;
            snapshot = BuildSnapshot();
            _current = snapshot;
        }

        return snapshot;
    }

    /// <summary>Published signatures per day (London dates), oldest first.</summary>
    public IReadOnlyList<(DateOnly Day, long Count)> DailyCounts()
    {
        lock (_gate)
        {
            return _daily.Where(d => d.Value > 0).Select(d => (d.Key, d.Value)).ToList();
        }
    }

    /// <summary>Teams, societies and departments that signed and chose to be named, by name.</summary>
    public IReadOnlyList<PublicSignature> NamedGroups()
    {
        lock (_gate)
        {
            return _groups.Values
                .OrderBy(g => g.DisplayName, StringComparer.Create(UkFormat.Culture, ignoreCase: true))
                .ToList();
        }
    }

    private void Tally(SignatureFacts facts, int delta)
    {
        _count += delta;
        _byType[(int)facts.Type] += delta;
        for (var i = 0; i < SignatureDisplay.Actions.Count; i++)
        {
            if (facts.Actions.HasFlag(SignatureDisplay.Actions[i].Action))
            {
                _byAction[i] += delta;
            }
        }

        var day = DateOnly.FromDateTime(UkFormat.ToLondon(facts.SignedAt).DateTime);
        _daily[day] = _daily.GetValueOrDefault(day) + delta;

        if (facts.Type != SignatoryType.Individual && facts.NameDisplay != NameDisplay.Hidden)
        {
            if (delta > 0)
            {
                _groups[facts.Number] = facts.ToPublic();
            }
            else
            {
                _groups.Remove(facts.Number);
            }
        }
    }

    private PledgeSnapshot BuildSnapshot() => new(
        _count,
        _lastNumber,
        Enum.GetValues<SignatoryType>().ToDictionary(t => t, t => _byType[(int)t]),
        SignatureDisplay.Actions.Select((a, i) => (a.Action, i)).ToDictionary(x => x.Action, x => _byAction[x.i]),
        _latest,
        clock.GetUtcNow(),
        _offline);
}
