using ItStopsHere.BrowserTests.Pages.Report;
using ItStopsHere.BrowserTests.Support;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages.Cases;

/// <summary>
/// axe-core (WCAG 2.2 A and AA and best practice, light and dark) on every /cases page at a phone's and a
/// laptop's width: the Case manager's queue, a case as the Case manager sees it, the same case as its
/// adviser (the report, the conversation, the reply, note and close forms), a closed case, and statistics.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CasePagesAxeTests(BrowserFixture browser, ReportSiteFixture report) : IClassFixture<ReportSiteFixture>
{
    public static TheoryData<int> Widths() => [BrowserFixture.Phone.Width, BrowserFixture.Desktop.Width];

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task EveryCasePage_HasNoAxeViolations(int width)
    {
        var site = report.Site;
        var reporter = await browser.NewPageAsync((width, 844));
        await ReportFlows.ReportAsync(reporter, site, "anonymous", "A case for the axe check: what happened, in the reporter's own words.");
        var id = await report.LatestReportIdAsync();
        var (manager, adviser, adviserAccount) = await ReportFlows.CaseStaffAsync(browser, site, (width, 844));

        await manager.GotoAsync(site.Url("/cases"));
        await Axe.AssertNoViolationsAsync(manager, $"(case queue) at {width} px");
        await ReportScreenshots.SaveAsync(manager, "cases-queue", width, fullPage: false);
        await manager.GotoAsync(site.Url("/cases/" + id));
        await Axe.AssertNoViolationsAsync(manager, $"(case, Case manager) at {width} px");
        await ReportScreenshots.SaveAsync(manager, "case-manager", width, fullPage: false);
        await ReportFlows.AssignAsync(manager, site, id, adviserAccount);

        await ReportFlows.ReplyAsync(adviser, site, id, "Thank you for telling us. I am the adviser for your case.");
        await adviser.GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true }).FillAsync("Private note: follow up next week.");
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await adviser.GetByText("Your note has been added.").WaitForAsync();
        await Axe.AssertNoViolationsAsync(adviser, $"(case, adviser) at {width} px");
        await ReportScreenshots.SaveAsync(adviser, "case-adviser", width);
        await adviser.GotoAsync(site.Url("/cases"));
        await Axe.AssertNoViolationsAsync(adviser, $"(adviser's cases) at {width} px");

        await manager.GotoAsync(site.Url("/cases/" + id));
        await manager.GetByRole(AriaRole.Button, new() { Name = "Close the case" }).ClickAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Reopen the case" }).WaitForAsync();
        await Axe.AssertNoViolationsAsync(manager, $"(closed case) at {width} px");
        await manager.GotoAsync(site.Url("/cases/statistics"));
        await Axe.AssertNoViolationsAsync(manager, $"(statistics) at {width} px");
        await ReportScreenshots.SaveAsync(manager, "statistics", width);

        foreach (var page in new[] { reporter, manager, adviser })
        {
            await page.Context.CloseAsync();
        }
    }
}
