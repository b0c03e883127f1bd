using System.Diagnostics.Metrics;
using ItStopsHere.Web.Signing;
using System.Data.Common;

namespace ItStopsHere.Web.Operations;

/// <summary>
/// Gauges read when the metrics are scraped: the writer's queue, open live streams, the outbox backlog
/// and the moderation queue. The two database counts are cached for a few seconds, so a scraper asking
/// often costs at most one small indexed query each per interval.
/// </summary>
public sealed class SiteGauges : IDisposable
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly Meter _meter;
    private readonly DatabaseFileLocation _database;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private (long OutboxBacklog, long ModerationQueue, DateTimeOffset At)? _counts;

    public SiteGauges(IMeterFactory meters, SignatureWriter writer, PledgeLiveHub live, DatabaseFileLocation database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
        _meter = meters.Create(SiteMetrics.MeterName);
        _meter.CreateObservableGauge("itstopshere.writer.queue.depth", () => writer.QueueLength, "{item}", "Signings and changes waiting for the signature writer");
        _meter.CreateObservableGauge("itstopshere.live.clients", () => live.ClientCount, "{client}", "Open live-stream (/pledge/live) connections");
        _meter.CreateObservableGauge("itstopshere.outbox.backlog", () => Counts().OutboxBacklog, "{message}", "Emails waiting to be sent or being sent");
        _meter.CreateObservableGauge("itstopshere.moderation.queue", () => Counts().ModerationQueue, "{signature}", "Signatures held for a moderator");
    }

    private (long OutboxBacklog, long ModerationQueue) Counts()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (_counts is { } cached && now - cached.At < CacheFor)
            {
                return (cached.OutboxBacklog, cached.ModerationQueue);
            }

            try
            {
                using var connection = _database.OpenForReadingAsync(CancellationToken.None).GetAwaiter().GetResult();
                using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT (SELECT count(*) FROM "OutboxMessages" WHERE "Status" IN ('Pending', 'Sending')),
                           (SELECT count(*) FROM "Signatures" WHERE "Status" = 2)
                    """;
                using var reader = command.ExecuteReader();
                reader.Read();
                _counts = (reader.GetInt64(0), reader.GetInt64(1), now);
            }
            catch (DbException)
            {
                // The database is not answering: readiness says so; the gauges keep their last values.
                _counts ??= (0, 0, now);
            }

            return (_counts.Value.OutboxBacklog, _counts.Value.ModerationQueue);
        }
    }

    public void Dispose() => _meter.Dispose();
}
