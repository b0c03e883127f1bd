using ItStopsHere.Tests.Email;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Privacy;

public class RetentionTests
{
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddDays(30);

    /// <summary>Outbox rows of every kind and age; none of them due to be sent during the test.</summary>
    private static async Task<Dictionary<string, long>> SeedOutboxAsync(SiteFactory site, int sentDays, int failedDays)
    {
        var now = DateTimeOffset.UtcNow;
        var rows = new Dictionary<string, long>
        {
            ["sent-old"] = (await site.EnqueueThankYouAsync("a@example.ac.uk", m => Sent(m, now.AddDays(-sentDays - 1)))).Id,
            ["sent-recent"] = (await site.EnqueueThankYouAsync("b@example.ac.uk", m => Sent(m, now.AddDays(-sentDays + 1)))).Id,
            ["failed-old"] = (await site.EnqueueThankYouAsync("c@example.ac.uk", m => Failed(m, now.AddDays(-failedDays - 1)))).Id,
            ["failed-recent"] = (await site.EnqueueThankYouAsync("d@example.ac.uk", m => Failed(m, now.AddDays(-failedDays + 1)))).Id,
            ["pending-old"] = (await site.EnqueueThankYouAsync("e@example.ac.uk", m =>
            {
                m.CreatedAt = now.AddDays(-400);
                m.NextAttemptAt = Later;
            })).Id,
            ["sending"] = (await site.EnqueueThankYouAsync("f@example.ac.uk", m =>
            {
                m.CreatedAt = now.AddDays(-400);
                m.Status = OutboxStatus.Sending;
                m.LeaseExpiresAt = Later;
            })).Id,
        };
        return rows;
    }

    private static void Sent(OutboxMessage m, DateTimeOffset at)
    {
        m.Status = OutboxStatus.Sent;
        m.SentAt = at;
        m.CreatedAt = at;
    }

    private static void Failed(OutboxMessage m, DateTimeOffset at)
    {
        m.Status = OutboxStatus.Failed;
        m.FailedAt = at;
        m.CreatedAt = at;
    }

    private static Task<List<long>> RemainingAsync(SiteFactory site) =>
        site.WithDbAsync(db => db.OutboxMessages.OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());

    [Fact]
    public async Task RunOnDemand_DeletesExactlyTheOutboxRecordsPastTheirTime()
    {
        await using var site = EmailSite.For(smtp: null);
        var rows = await SeedOutboxAsync(site, sentDays: 7, failedDays: 30);

        var report = await site.Services.RunRetentionJobsAsync();

        Assert.True(report.Succeeded);
        Assert.Equal(2, Assert.Single(report.Jobs, j => j.Job == "email-outbox").Deleted);
        Assert.Equal(
            new[] { rows["sent-recent"], rows["failed-recent"], rows["pending-old"], rows["sending"] }.Order(),
            await RemainingAsync(site));
        Assert.Contains(site.Logs.Lines, l => l.Contains("Retention: email-outbox deleted 2 item(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunOnDemand_UsesTheSameNumbersAsThePrivacyNotice()
    {
        await using var site = EmailSite.For(smtp: null)
            .With("Privacy:SentEmailRetentionDays", "2")
            .With("Privacy:FailedEmailRetentionDays", "5");
        var rows = await SeedOutboxAsync(site, sentDays: 2, failedDays: 5);
        var notice = await site.CreateBrowserLikeClient().GetHtmlAsync("/privacy");

        await site.Services.RunRetentionJobsAsync();

        Assert.Equal("2 days", notice.GetElementById("keep-sent-email").Text());
        Assert.Equal("5 days", notice.GetElementById("keep-failed-email").Text());
        var remaining = await RemainingAsync(site);
        Assert.DoesNotContain(rows["sent-old"], remaining);
        Assert.DoesNotContain(rows["failed-old"], remaining);
        Assert.Contains(rows["sent-recent"], remaining);
        Assert.Contains(rows["failed-recent"], remaining);
    }

    [Fact]
    public async Task RunOnDemand_DeletesOldEmlFilesOnlyFromTheMailFolder()
    {
        await using var site = EmailSite.For(smtp: null);
        _ = site.Services;
        Directory.CreateDirectory(site.MailFolder);
        var old = Path.Combine(site.MailFolder, "old.eml");
        var recent = Path.Combine(site.MailFolder, "recent.eml");
        var unfinished = Path.Combine(site.MailFolder, "crashed.eml.tmp");
        var other = Path.Combine(site.MailFolder, "notes.txt");
        foreach (var file in new[] { old, recent, unfinished, other })
        {
            await File.WriteAllTextAsync(file, "x");
        }

        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-8));
        File.SetLastWriteTimeUtc(unfinished, DateTime.UtcNow.AddDays(-8));
        File.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddDays(-100));

        var report = await site.Services.RunRetentionJobsAsync();

        Assert.Equal(2, Assert.Single(report.Jobs, j => j.Job == "email-folder").Deleted);
        Assert.False(File.Exists(old));
        Assert.False(File.Exists(unfinished));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(other));
    }

    [Fact]
    public async Task OneJobFailing_DoesNotStopTheOthers()
    {
        await using var site = EmailSite.For(smtp: null).WithServices(services => services
            .AddRetentionJob<ThrowingJob>()
            .AddRetentionJob<CountingJob>()
            .AddSingleton<CountingJob.Runs>());

        var report = await site.Services.RunRetentionJobsAsync();

        Assert.False(report.Succeeded);
        Assert.Equal("InvalidOperationException", Assert.Single(report.Jobs, j => j.Job == "throwing").Error);
        Assert.True(Assert.Single(report.Jobs, j => j.Job == "counting").Succeeded);
        Assert.Equal(1, site.Services.GetRequiredService<CountingJob.Runs>().Count);
        Assert.Contains(site.Logs.Lines, l => l.Contains("Retention: throwing failed; the other jobs still ran", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Schedule_RunsTheJobsAfterStartUp()
    {
        var databasePath = SiteFactory.NewDatabasePath();
        try
        {
            long oldSent;
            await using (var seeding = EmailSite.For(smtp: null, databasePath))
            {
                oldSent = (await seeding.EnqueueThankYouAsync("old@example.ac.uk", m => Sent(m, DateTimeOffset.UtcNow.AddDays(-8)))).Id;
            }

            await using var scheduled = EmailSite.For(smtp: null, databasePath)
                .With("Retention:Enabled", "true")
                .With("Retention:FirstRunDelay", "00:00:00");
            _ = scheduled.Services;

            await Eventually.TrueAsync(async () => !(await RemainingAsync(scheduled)).Contains(oldSent), what: "the scheduled run");
            await Eventually.TrueAsync(() => scheduled.Logs.Lines.Any(l => l.Contains("Retention: deleted 1 item(s)", StringComparison.Ordinal)));
        }
        finally
        {
            SiteFactory.DeleteDatabase(databasePath);
        }
    }

    private sealed class ThrowingJob : IRetentionJob
    {
        public string Name => "throwing";

        public Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("broken on purpose");
    }

    private sealed class CountingJob(CountingJob.Runs runs) : IRetentionJob
    {
        public sealed class Runs
        {
            public int Count;
        }

        public string Name => "counting";

        public Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref runs.Count);
            return Task.FromResult(0);
        }
    }
}
