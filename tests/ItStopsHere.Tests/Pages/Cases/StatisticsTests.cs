using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Pages.Cases;

/// <summary>
/// /cases/statistics (exact, Case managers only) and /report/summary (public, optional, small numbers
/// hidden), counted from the readable coarse facts: they work with every report key destroyed.
/// </summary>
public class StatisticsTests
{
    /// <summary>8 anonymous reports of words on campus, 2 anonymous of online harassment online, 1 named on campus.</summary>
    private static async Task MakeReportsAsync(SiteFactory site)
    {
        var client = site.CreateBrowserLikeClient();
        for (var i = 0; i < 8; i++)
        {
            await client.ReportAnonymouslyAsync("Statistics story " + i);
        }

        for (var i = 0; i < 2; i++)
        {
            var answers = ReportTestSupport.Answers("Online story " + i);
            answers["Input.Categories"] = "online";
            answers["Input.Place"] = "online";
            using var posted = await client.SubmitAsync(await ReportTestSupport.FormAsync(client, "/report/new?route=anonymous"), answers);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }

        var named = ReportTestSupport.Answers("Named statistics story");
        named["Input.Name"] = "Jo Fictional";
        named["Input.Email"] = "jo.fictional@example.ac.uk";
        named["Input.PreferredContact"] = "email";
        using var sent = await client.SubmitAsync(await ReportTestSupport.FormAsync(client, "/report/new?route=named"), named);
        Assert.Equal("/report/sent", sent.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task CaseManager_SeesExactCounts_FromCoarseFactsOnly_WithoutOpeningAnyReport()
    {
        await using var site = new SiteFactory();
        await MakeReportsAsync(site);
        // No report can be decrypted any more: the figures must not need to.
        await site.WithDbAsync(db => db.ReportKeys.ExecuteDeleteAsync());
        var (_, manager) = await site.StaffAsync(StaffRoles.CaseManager);

        var page = await manager.GetHtmlAsync("/cases/statistics");
        Assert.Equal("Reports: 11", page.GetElementById("figures-total").Text());
        Assert.Equal("10", page.QuerySelector("[data-figure=anonymous]").Text());
        Assert.Equal("1", page.QuerySelector("[data-figure=named]").Text());
        Assert.Equal("9", page.QuerySelector("[data-figure=category-verbal]").Text());
        Assert.Equal("2", page.QuerySelector("[data-figure=category-online]").Text());
        Assert.Equal("0", page.QuerySelector("[data-figure=category-assault]").Text());
        Assert.Equal("9", page.QuerySelector("[data-figure=place-campus]").Text());
        Assert.Equal("2", page.QuerySelector("[data-figure=place-online]").Text());
        Assert.Single(page.QuerySelectorAll("[data-figure^=month-]"));
        Assert.Equal("11", page.QuerySelector("[data-figure^=month-]").Text());
        Assert.Equal("Not enough reports have been answered yet", page.QuerySelector("[data-figure=first-reply]").Text());
        Assert.DoesNotContain(await site.AllAuditAsync(), e => e.Action == AuditActions.CaseOpened);

        var year = DateTimeOffset.UtcNow.Year;
        var thisYear = await manager.GetHtmlAsync($"/cases/statistics?year={year}");
        Assert.Equal("Reports: 11", thisYear.GetElementById("figures-total").Text());
        var lastYear = await manager.GetHtmlAsync($"/cases/statistics?year={year - 1}");
        Assert.Equal("Reports: 0", lastYear.GetElementById("figures-total").Text());
        using var future = await manager.GetAsync($"/cases/statistics?year={year + 1}");
        Assert.Equal(HttpStatusCode.NotFound, future.StatusCode);
    }

    [Fact]
    public async Task PublicSummary_IsOffByDefault()
    {
        await using var site = new SiteFactory();
        var client = site.CreateBrowserLikeClient();
        using var summary = await client.GetAsync("/report/summary");
        Assert.Equal(HttpStatusCode.NotFound, summary.StatusCode);
        var report = await client.GetHtmlAsync("/report");
        Assert.DoesNotContain(report.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/report/summary");
    }

    [Fact]
    public async Task PublicSummary_ShowsFewerThan5_AndRoundsEverythingElse_TotalsToo()
    {
        await using var site = new SiteFactory().With("Reporting:PublicSummary", "true");
        await MakeReportsAsync(site);
        var client = site.CreateBrowserLikeClient();
        var report = await client.GetHtmlAsync("/report");
        Assert.Contains(report.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/report/summary");

        using var response = await client.GetAsync("/report/summary");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadHtmlAsync();
        // 11 reports: shown as 10, so 10 - 9 cannot reveal the named one; 9 on campus: 10.
        Assert.Equal("Reports: 10", page.GetElementById("figures-total").Text());
        Assert.Equal("10", page.QuerySelector("[data-figure=anonymous]").Text());
        Assert.Equal("fewer than 5", page.QuerySelector("[data-figure=named]").Text());
        Assert.Equal("10", page.QuerySelector("[data-figure=category-verbal]").Text());
        Assert.Equal("fewer than 5", page.QuerySelector("[data-figure=category-online]").Text());
        Assert.Equal("none", page.QuerySelector("[data-figure=category-assault]").Text());
        Assert.Equal("10", page.QuerySelector("[data-figure=place-campus]").Text());
        Assert.Equal("fewer than 5", page.QuerySelector("[data-figure=place-online]").Text());
        Assert.Equal("10", page.QuerySelector("[data-figure^=month-]").Text());
        // No exact small count anywhere on the page, and nothing anyone wrote.
        var text = page.QuerySelector("main").Text();
        Assert.DoesNotMatch(@"(?<![\d,])[1-4](?![\d,])", System.Text.RegularExpressions.Regex.Replace(text, "fewer than 5|from 1 to 4|nearest 5|below 5", ""));
        Assert.DoesNotContain("story", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Not enough reports have been answered yet", page.QuerySelector("[data-figure=first-reply]").Text());
        Assert.True(response.Headers.CacheControl?.NoStore);
    }
}
