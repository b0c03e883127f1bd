using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;

namespace ItStopsHere.Web.Operations;

/// <summary>
/// The site's own instruments, on the meter <c>ItStopsHere</c>. Counters and histograms are static so
/// the code that counts (the writer, the sender, the live hub) needs one line and no new dependency;
/// the gauges read the live state when scraped (<see cref="SiteGauges"/>). No instrument carries a
/// personal value: the only tags are fixed words.
/// </summary>
public static class SiteMetrics
{
    public const string MeterName = "ItStopsHere";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Signatures committed (a repeat signing is not counted). Prometheus: <c>rate(itstopshere_signings_total[1m])</c> is signings per second.</summary>
    public static readonly Counter<long> Signings = Meter.CreateCounter<long>(
        "itstopshere.signings", "{signature}", "Signatures committed by the writer");

    public static readonly Histogram<int> WriterBatchSize = Meter.CreateHistogram(
        "itstopshere.writer.batch.size", "{item}", "Items the signature writer committed in one transaction",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });

    public static readonly Histogram<double> WriterCommitDuration = Meter.CreateHistogram(
        "itstopshere.writer.commit.duration", "s", "Time the signature writer took to write and commit one batch (with its disk flush)",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    public static readonly Counter<long> WriterRefusals = Meter.CreateCounter<long>(
        "itstopshere.writer.refusals", "{item}", "Signings and changes refused because the writer's queue was full (answered 503)");

    public static readonly Counter<long> LiveClientsDropped = Meter.CreateCounter<long>(
        "itstopshere.live.clients.dropped", "{client}", "Live-stream clients disconnected for falling behind (they reconnect and catch up)");

    public static readonly Counter<long> LiveEventsDropped = Meter.CreateCounter<long>(
        "itstopshere.live.events.dropped", "{event}", "Live-stream events not queued for a client that had fallen behind");

    public static readonly Counter<long> EmailsSent = Meter.CreateCounter<long>(
        "itstopshere.email.sent", "{message}", "Emails accepted by the mail server (or written to the mail folder)");

    /// <summary>Tagged <c>outcome</c>: <c>retry</c> (tried again later) or <c>gave_up</c> (failed for good).</summary>
    public static readonly Counter<long> EmailFailures = Meter.CreateCounter<long>(
        "itstopshere.email.failures", "{attempt}", "Email attempts that failed, by outcome: retry or gave_up");

    public static readonly Counter<long> RateLimitRefusals = Meter.CreateCounter<long>(
        "itstopshere.rate_limit.refusals", "{request}", "Pledge signings refused by the rate limit (answered 429)");

    /// <summary>One call for the live hub: <paramref name="clients"/> fell behind and lost a frame of <paramref name="events"/> events each.</summary>
    public static void LiveClientsFellBehind(int clients, int events)
    {
        LiveClientsDropped.Add(clients);
        LiveEventsDropped.Add((long)clients * events);
    }
}
