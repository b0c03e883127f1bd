using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Reporting;

/// <summary>
/// The retention run for reports, with the clock moved on: a report closed longer ago than its limit is
/// shredded (key, messages, row), newer and open ones stay, and its coarse facts stay for statistics.
/// The report page and the privacy notice state the same configured numbers.
/// </summary>
public class ReportRetentionTests
{
    private static async Task CloseAsync(HttpClient client, Guid id)
    {
        using var closed = await client.SubmitAsync(await ReportTestSupport.FormAsync(client, "/cases/" + id, "close"), []);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
    }

    private static async Task<Guid> ReportNamedAsync(SiteFactory site)
    {
        var client = site.CreateBrowserLikeClient();
        var answers = ReportTestSupport.Answers("Named retention story");
        answers["Input.Name"] = "Sam Fictional";
        answers["Input.Email"] = "sam.fictional@example.ac.uk";
        answers["Input.PreferredContact"] = "email";
        answers["Input.Place"] = "online";
        using var posted = await client.SubmitAsync(await ReportTestSupport.FormAsync(client, "/report/new?route=named"), answers);
        Assert.Equal("/report/sent", posted.Headers.Location!.OriginalString);
        return await site.LatestReportIdAsync();
    }

    [Fact]
    public async Task Run_ShredsReportsClosedLongerThanTheirLimit_KeepsOpenAndNewerOnes_AndKeepsTheirStatistics()
    {
        var clock = new AdjustableClock();
        await using var site = new SiteFactory()
            .With("Reporting:AnonymousRetentionMonthsAfterClose", "12")
            .With("Reporting:NamedRetentionMonthsAfterClose", "24")
            .WithServices(s => s.AddSingleton<TimeProvider>(clock));

        var oldCode = await site.CreateBrowserLikeClient().ReportAnonymouslyAsync("Old closed story");
        var old = await site.LatestReportIdAsync();
        var month = await site.WithDbAsync(db => db.Reports.Where(r => r.Id == old).Select(r => r.Month).SingleAsync());
        await site.CreateBrowserLikeClient().ReportAnonymouslyAsync("Still open story");
        var open = await site.LatestReportIdAsync();
        var named = await ReportNamedAsync(site);

        var (_, manager) = await site.StaffAsync(StaffRoles.CaseManager);
        var (adviser, adviserClient) = await site.StaffAsync(StaffRoles.Adviser);
        using (var assigned = await manager.SubmitAsync(await ReportTestSupport.FormAsync(manager, "/cases/" + old, "assign"), [new("Assign.AdviserId", adviser.Id)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        }

        // The adviser's first reply comes three hours after the report (signing in again: sessions end after 30 idle minutes).
        clock.Advance(TimeSpan.FromHours(3));
        adviserClient = await site.SignedInClientAsync(adviser);
        manager = (await site.StaffAsync(StaffRoles.CaseManager)).Client;
        using (var replied = await adviserClient.SubmitAsync(await ReportTestSupport.FormAsync(adviserClient, "/cases/" + old, "reply"), [new("Reply.Text", "A first reply")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        }

        await CloseAsync(manager, old);
        await CloseAsync(manager, named);

        // Eleven months on, nothing is due yet.
        clock.Advance(TimeSpan.FromDays(335));
        var early = await site.Services.RunRetentionJobsAsync();
        Assert.Equal(0, Assert.Single(early.Jobs, j => j.Job == "reports").Deleted);

        // Thirteen months after closing: the anonymous one (12 months) goes, the named one (24) stays, the open one stays.
        clock.Advance(TimeSpan.FromDays(60));
        var run = await site.Services.RunRetentionJobsAsync();
        Assert.True(run.Succeeded);
        Assert.Equal(1, Assert.Single(run.Jobs, j => j.Job == "reports").Deleted);
        var left = await site.WithDbAsync(db => db.Reports.Select(r => r.Id).ToListAsync());
        Assert.DoesNotContain(old, left);
        Assert.Contains(open, left);
        Assert.Contains(named, left);
        Assert.False(await site.WithDbAsync(db => db.ReportKeys.AnyAsync(k => k.ReportId == old)));
        Assert.False(await site.WithDbAsync(db => db.ReportMessages.AnyAsync(m => m.ReportId == old)));
        Assert.Contains(await site.AuditFor(old.ToString("D")), e => e.Action == AuditActions.ReportDeleted && e.Details == "Retention period after closing");
        using (var gone = await site.CreateBrowserLikeClient().EnterCodeAsync(oldCode))
        {
            Assert.Equal(HttpStatusCode.BadRequest, gone.StatusCode);
        }

        // Its coarse facts stay, unlinked, for statistics.
        var kept = Assert.Single(await site.WithDbAsync(db => db.RetainedReportFacts.AsNoTracking().ToListAsync()));
        Assert.Equal(ReportRoute.Anonymous, kept.Route);
        Assert.Equal("verbal", kept.Categories);
        Assert.Equal("campus", kept.Place);
        Assert.Equal(month, kept.Month);
        // Three hours on the test clock, plus the real seconds the steps in between took (the clock is real
        // time plus an offset; on a loaded machine they can pass a minute, and the minutes are rounded up).
        Assert.InRange(kept.FirstReplyMinutes ?? 0, 180, 185);

        var (_, laterManager) = await site.StaffAsync(StaffRoles.CaseManager);
        var statistics = await laterManager.GetHtmlAsync("/cases/statistics");
        Assert.Equal("Reports: 3", statistics.GetElementById("figures-total").Text());
        Assert.Equal("2", statistics.QuerySelector("[data-figure=anonymous]").Text());
        Assert.Equal("1", statistics.QuerySelector("[data-figure=named]").Text());
        Assert.StartsWith("3 hours", statistics.QuerySelector("[data-figure=first-reply]").Text(), StringComparison.Ordinal);

        // A year later still, the named report's 24 months have passed too.
        clock.Advance(TimeSpan.FromDays(366));
        var last = await site.Services.RunRetentionJobsAsync();
        Assert.Equal(1, Assert.Single(last.Jobs, j => j.Job == "reports").Deleted);
        Assert.Equal([open], await site.WithDbAsync(db => db.Reports.Select(r => r.Id).ToListAsync()));
        Assert.Equal(2, await site.WithDbAsync(db => db.RetainedReportFacts.CountAsync()));
    }

    [Theory]
    [InlineData(null, null, "A report is deleted 12 months after its case is closed, whether it was made anonymously or by name.")]
    [InlineData("3", "24", "An anonymous report is deleted 3 months after its case is closed, and a report made by name 24 months after.")]
    [InlineData("1", "1", "A report is deleted 1 month after its case is closed, whether it was made anonymously or by name.")]
    public async Task ReportPage_AndPrivacyNotice_StateTheConfiguredRetention(string? anonymous, string? named, string expected)
    {
        await using var site = new SiteFactory();
        if (anonymous is not null)
        {
            site.With("Reporting:AnonymousRetentionMonthsAfterClose", anonymous).With("Reporting:NamedRetentionMonthsAfterClose", named);
        }

        var client = site.CreateBrowserLikeClient();
        var report = await client.GetHtmlAsync("/report");
        var privacy = await client.GetHtmlAsync("/privacy");
        Assert.Equal(expected, report.QuerySelector("[data-report-retention]").Text());
        Assert.Equal(expected, privacy.GetElementById("keep-reports").Text());
    }
}
