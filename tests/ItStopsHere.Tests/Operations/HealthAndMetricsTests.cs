using System.Net;
using System.Text.RegularExpressions;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using Microsoft.Data.Sqlite;
using static ItStopsHere.Tests.Support.OperationsTestSupport;
using Xunit.Abstractions;

namespace ItStopsHere.Tests.Operations;

/// <summary>
/// Liveness, readiness and the Prometheus metrics, on the real app in its own process: readiness goes
/// 503 when the database file is gone or an email is stuck, while liveness stays 200; the metrics answer
/// on their own loopback port only, and show a signing once it is made.
/// </summary>
public class HealthAndMetricsTests(ITestOutputHelper output)
{
    // SQLite only: it removes the SQLite database file.
    [Trait("Provider", "SqliteOnly")]
    [Fact]
    public async Task Readiness_Fails_WhenTheDatabaseFileIsGone_WhileLivenessAndTheOldHealthPathAnswer()
    {
        var databasePath = SiteFactory.NewDatabasePath();
        var moved = databasePath + ".moved";
        try
        {
            await using var app = await ChildApp.StartAsync(databasePath, StormSettings());
            using var client = app.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

            File.Move(databasePath, moved);
            using (var ready = await client.GetAsync("/health/ready"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
                var body = await ready.Content.ReadAsStringAsync();
                Assert.Contains("database file is missing", body, StringComparison.Ordinal);
                Assert.Equal("no-store", ready.Headers.CacheControl?.ToString());
            }

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            Assert.False(File.Exists(databasePath), "The readiness check must not create an empty database in place of the missing one.");

            File.Move(moved, databasePath);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }
        finally
        {
            DeleteDatabase(databasePath);
        }
    }

    [Fact]
    public async Task Readiness_Fails_WhenAnEmailHasBeenDueLongerThanTheThreshold()
    {
        var databasePath = SiteFactory.NewDatabasePath();
        try
        {
            // The sender looks again only hourly, and the row below is written behind its back (no wake-up):
            // to the site it is an email nobody is sending.
            await using var app = await ChildApp.StartAsync(databasePath, StormSettings(
                ("Email:Outbox:PollInterval", "01:00:00"), ("Health:OutboxStuckAfter", "00:10:00")));
            using var client = app.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

            var dueAt = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds();
            await using (var db = TestDatabase.Context(databasePath))
            {
                var due = DateTimeOffset.FromUnixTimeMilliseconds(dueAt);
                db.OutboxMessages.Add(new OutboxMessage
                {
                    MessageKey = Guid.NewGuid(), Kind = "test", ToAddress = "stuck@example.test", Subject = "Stuck",
                    Status = OutboxStatus.Pending, Attempts = 0, CreatedAt = due, NextAttemptAt = due, TextBody = "x",
                });
                await db.SaveChangesAsync();
            }

            using var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var body = await ready.Content.ReadAsStringAsync();
            Assert.Contains("has been due for 30 minute(s)", body, StringComparison.Ordinal);
            Assert.DoesNotContain("stuck@", body, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            DeleteDatabase(databasePath);
        }
    }

    [Fact]
    public async Task Metrics_OnTheirOwnLoopbackPort_ShowASigning_AndThePublicPortAnswers404()
    {
        var databasePath = SiteFactory.NewDatabasePath();
        var metricsPort = AppProcessCore.FreePort();
        try
        {
            await using var app = await ChildApp.StartAsync(databasePath, StormSettings(("Metrics:Port", metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            using var site = app.CreateClient();
            using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}/"), Timeout = TimeSpan.FromSeconds(30) };

            using (var signer = await StormSigner.CreateAsync(app))
            {
                var thanked = new System.Collections.Concurrent.ConcurrentQueue<string>();
                using var stop = new CancellationTokenSource();
                var signing = signer.SignUntilStoppedAsync(thanked, stop.Token);
                await Eventually.TrueAsync(() => !thanked.IsEmpty, TimeSpan.FromSeconds(30), "a signing");
                await stop.CancelAsync();
                await signing;
            }

            // The exporter caches a scrape briefly; ask until the signing shows.
            var scrape = "";
            await Eventually.TrueAsync(async () =>
            {
                scrape = await metrics.GetStringAsync("/metrics");
                return Regex.IsMatch(scrape, @"^itstopshere_signings_total(\{[^}]*\})? [1-9]", RegexOptions.Multiline);
            }, TimeSpan.FromSeconds(30), "the signing to show in the metrics");

            foreach (var name in new[]
            {
                "itstopshere_writer_batch_size_bucket", "itstopshere_writer_commit_duration_seconds_bucket",
                "itstopshere_writer_queue_depth", "itstopshere_live_clients", "itstopshere_outbox_backlog",
                "itstopshere_moderation_queue", "http_server_request_duration_seconds_bucket", "kestrel_active_connections",
                "dotnet_gc_collections_total",
            })
            {
                Assert.Contains(name, scrape, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("@example.test", scrape, StringComparison.Ordinal);
            output.WriteLine(string.Join('\n', scrape.Split('\n').Where(l => l.StartsWith("itstopshere_", StringComparison.Ordinal) || l.StartsWith("# HELP itstopshere_", StringComparison.Ordinal))));

            // Never on the public site; and the metrics port serves nothing but metrics and health.
            Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync("/metrics")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await metrics.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await metrics.GetAsync("/pledge")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await metrics.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await metrics.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            DeleteDatabase(databasePath);
        }
    }
}
