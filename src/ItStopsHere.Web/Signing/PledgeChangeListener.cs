using System.Data;
using ItStopsHere.Web.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// PostgreSQL only: keeps this instance's <see cref="PledgeFeed"/> and live hub in step with what every
/// instance commits. One dedicated connection holds <c>LISTEN pledge_changes</c>; on each notification (one
/// per committed transaction, see <see cref="PledgeChangeLog"/>), and every <see cref="PollInterval"/> as a
/// safety net, it reads the log rows after the last one applied and hands them to the feed, which gives
/// each the log's id as its event id. This instance's own commits come back the same way (the feed asks
/// for a catch-up as soon as the writer has committed), so every change is applied exactly once, in one order.
/// When the listening connection drops it reconnects with backoff, catches up from the log (or, if the log
/// was pruned past where it was, reloads the feed) and keeps its clients.
/// </summary>
public sealed partial class PledgeChangeListener : BackgroundService
{
    /// <summary>How long log rows are kept: far longer than any reconnect; an instance further behind reloads.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>The <c>application_name</c> prefix of the listening connection (an operator or a test finds it in <c>pg_stat_activity</c>).</summary>
    public const string ApplicationNamePrefix = "itstopshere-live";

    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static int _instances;

    private readonly PledgeFeed _feed;
    private readonly JobLock _jobLock;
    private readonly ILogger<PledgeChangeListener> _logger;
    private readonly NpgsqlDataSource _reads;
    private readonly string _listenConnectionString;
    private readonly int _feedSize;
    private readonly Lock _catchUpGate = new();
    private long _through;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    public PledgeChangeListener(IConfiguration configuration, PledgeFeed feed, JobLock jobLock, IOptions<PledgeOptions> options, ILogger<PledgeChangeListener> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        _feed = feed;
        _jobLock = jobLock;
        _logger = logger;
        _feedSize = options.Value.FeedSize;
        ApplicationName = $"{ApplicationNamePrefix} {Environment.ProcessId} {Interlocked.Increment(ref _instances)}";
        var connectionString = configuration.GetConnectionString("Default") ?? "";
        _listenConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = ApplicationName,
            Pooling = false,
            // A dead server or network is noticed within a minute even when no notification comes.
            KeepAlive = 30,
        }.ConnectionString;
        _reads = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = ApplicationNamePrefix + " reads",
            MaxPoolSize = 4,
        }.ConnectionString);
    }

    /// <summary>The listening connection's <c>application_name</c>: "itstopshere-live &lt;process id&gt; &lt;n&gt;".</summary>
    public string ApplicationName { get; }

    /// <summary>How often the log is read even without a notification (a lost notification costs at most this).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The id of the last log row applied to this instance's feed.</summary>
    public long Through => Interlocked.Read(ref _through);

    /// <summary>After the writer has loaded the feed: reload it and the log's high-water mark in one snapshot, and follow the log.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var (seed, through) = ReadSeed();
        Interlocked.Exchange(ref _through, through);
        _feed.FollowLog(seed, through, CatchUp);
        LogFollowing(_logger, through);
        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _reads.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_listenConnectionString);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {PledgeChangeLog.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Listening now: anything committed while we were not is in the log.
                await Task.Run(CatchUpOrReload, stoppingToken);
                backoff = TimeSpan.FromMilliseconds(250);
                while (!stoppingToken.IsCancellationRequested)
                {
                    var notified = await connection.WaitAsync(PollInterval, stoppingToken);
                    await Task.Run(notified ? CatchUp : CatchUpOrReload, stoppingToken);
                    await PruneAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)

            {
                LogConnectionLost(_logger, ex, backoff.TotalSeconds);
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Reads the log rows after the last applied and applies them (also called by the feed right after this instance's writer commits).</summary>
    public void CatchUp() => CatchUp(checkPruned: false);

    /// <summary>After a reconnect, and on each poll: as <see cref="CatchUp()"/>, but first checks the log still holds everything after the last applied row, and reloads the feed if not.</summary>
    internal void CatchUpOrReload() => CatchUp(checkPruned: true);

    private void CatchUp(bool checkPruned)
    {
        lock (_catchUpGate)
        {
            using var connection = _reads.OpenConnection();
            if (checkPruned)
            {
                using var oldest = new NpgsqlCommand("""SELECT min("Id") FROM "PledgeChanges" """, connection);
                if (oldest.ExecuteScalar() is long min && min > _through + 1)
                {
                    // Rows this instance never read were pruned: start again from the database.
                    var (seed, through) = ReadSeed();
                    Interlocked.Exchange(ref _through, through);
                    _feed.FollowLog(seed, through, CatchUp);
                    LogReloaded(_logger, through);
                    return;
                }
            }

            while (ReadBatch(connection) == BatchSize)
            {
            }
        }
    }

    private const int BatchSize = 5000;

    private int ReadBatch(NpgsqlConnection connection)
    {
        using var select = new NpgsqlCommand("""
            SELECT "Id", "Kind", "Number", "SignatoryType", "Name", "NameDisplay", "Affiliation", "Detail", "Actions", "SignedAt", "OfflineDelta"
            FROM "PledgeChanges" WHERE "Id" > @after ORDER BY "Id" LIMIT @limit
            """, connection);
        select.Parameters.AddWithValue("after", _through);
        select.Parameters.AddWithValue("limit", BatchSize);
        var changes = new List<FeedChange>();
        long offline = 0, lastNumber = 0, through = _through;
        var rows = 0;
        var anyTakenDown = false;
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                rows++;
                through = reader.GetInt64(0);
                var kind = reader.GetInt16(1);
                if (kind == PledgeChangeLog.Offline)
                {
                    offline += reader.GetInt64(10);
                    continue;
                }

                var facts = ReadFacts(reader, 2);
                changes.Add(new FeedChange(kind == PledgeChangeLog.Published, facts, through));
                anyTakenDown |= kind == PledgeChangeLog.TakenDown;
                if (kind == PledgeChangeLog.Published)
                {
                    lastNumber = Math.Max(lastNumber, facts.Number);
                }
            }
        }

        if (rows == 0)
        {
            return 0;
        }

        // A take-down: refill the newest list from the database rather than let it shrink.
        var newest = anyTakenDown ? ReadNewestPublished(connection) : null;
        _feed.ApplyLogged(changes, lastNumber, newest, offline, through);
        Interlocked.Exchange(ref _through, through);
        return rows;
    }

    private (PledgeFeedSeed Seed, long Through) ReadSeed()
    {
        using var connection = _reads.OpenConnection();
        // One snapshot: the published rows and the log's high-water mark agree.
        using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        long Scalar(string sql)
        {
            using var command = new NpgsqlCommand(sql, connection, transaction);
            return command.ExecuteScalar() is long value ? value : 0;
        }

        var through = Scalar("""SELECT coalesce(max("Id"), 0) FROM "PledgeChanges" """);
        var lastNumber = Scalar("""SELECT coalesce(max("LastNumber"), 0) FROM "PledgeState" """);
        var offline = Scalar("""SELECT coalesce(sum("Count"), 0)::bigint FROM "OfflinePledges" """);
        var published = new List<SignatureFacts>();
        using (var select = new NpgsqlCommand($"""SELECT {FactsColumns} FROM "Signatures" WHERE "Status" = 1""", connection, transaction))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                published.Add(ReadFacts(reader, 0));
            }
        }

        transaction.Commit();
        return (new PledgeFeedSeed(published, lastNumber, offline), through);
    }

    private List<SignatureFacts> ReadNewestPublished(NpgsqlConnection connection)
    {
        using var select = new NpgsqlCommand(
            $"""SELECT {FactsColumns} FROM "Signatures" WHERE "Status" = 1 ORDER BY "Number" DESC LIMIT @count""", connection);
        select.Parameters.AddWithValue("count", _feedSize);
        var newest = new List<SignatureFacts>(_feedSize);
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            newest.Add(ReadFacts(reader, 0));
        }

        return newest;
    }

    private const string FactsColumns = """
        "Number", "SignatoryType", "Name", "NameDisplay", "Affiliation", "Detail", "Actions", "SignedAt"
        """;

    /// <summary>The <see cref="FactsColumns"/> from <paramref name="at"/> on (the log rows hold the same columns in the same order).</summary>
    private static SignatureFacts ReadFacts(NpgsqlDataReader reader, int at) => new(
        reader.IsDBNull(at) ? 0 : reader.GetInt64(at),
        (SignatoryType)reader.GetInt32(at + 1),
        reader.GetString(at + 2),
        (NameDisplay)reader.GetInt32(at + 3),
        reader.IsDBNull(at + 4) ? null : (Affiliation)reader.GetInt32(at + 4),
        reader.IsDBNull(at + 5) ? null : reader.GetString(at + 5),
        (PledgeActions)reader.GetInt32(at + 6),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(at + 7)));

    /// <summary>
    /// Deletes log rows older than <see cref="Retention"/>, every few minutes, under the <see cref="JobLock.PledgeChangesPrune"/>
    /// lock: every instance tries, one at a time deletes (an instance that finds the lock held skips this time).
    /// </summary>
    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (now - _lastPrune < PruneInterval)
        {
            return;
        }

        _lastPrune = now;
        await _jobLock.TryRunAsync(JobLock.PledgeChangesPrune, async ct =>
        {
            await using var connection = await _reads.OpenConnectionAsync(ct);
            await using var delete = new NpgsqlCommand("""DELETE FROM "PledgeChanges" WHERE "ChangedAt" < now() - @retention""", connection);
            delete.Parameters.AddWithValue("retention", Retention);
            await delete.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live count follows the PostgreSQL change log from id {Through}")]
    private static partial void LogFollowing(ILogger logger, long through);

    [LoggerMessage(Level = LogLevel.Information, Message = "The change log was pruned past this instance's place; the feed was reloaded at id {Through}")]
    private static partial void LogReloaded(ILogger logger, long through);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live listener's connection to PostgreSQL failed; reconnecting in {Seconds} s and catching up")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception, double seconds);
}
