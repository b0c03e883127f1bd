using ItStopsHere.BrowserTests.Support;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages.Report;

/// <summary>
/// axe-core (WCAG 2.2 A and AA and best practice, light and dark) on every /report page at a phone's and
/// a laptop's width, in the states a reporter meets them: the start, the safety page, both forms (and the
/// form with its errors), the code, the named route's confirmation, the follow-up (code entry, with an
/// error, and the conversation), delete, deleted, left and the public summary.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ReportPagesAxeTests(BrowserFixture browser, ReportSiteFixture report) : IClassFixture<ReportSiteFixture>
{
    public static TheoryData<int> Widths() => [BrowserFixture.Phone.Width, BrowserFixture.Desktop.Width];

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task EveryReportPage_HasNoAxeViolations(int width)
    {
        var site = report.Site;
        var page = await browser.NewPageAsync((width, 844));

        async Task CheckAsync(string name, bool shoot = true)
        {
            await Axe.AssertNoViolationsAsync(page, $"({name}) at {width} px");
            if (shoot)
            {
                await ReportScreenshots.SaveAsync(page, name, width);
            }
        }

        await page.GotoAsync(site.Url("/report"));
        await CheckAsync("report");
        await page.GotoAsync(site.Url("/report/start?route=anonymous"));
        await CheckAsync("start");
        await page.GotoAsync(site.Url("/report/safety?route=anonymous"));
        await CheckAsync("safety", width == BrowserFixture.Phone.Width);
        await page.GotoAsync(site.Url("/report/new?route=named"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my report" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        await CheckAsync("form-errors", width == BrowserFixture.Phone.Width);
        await page.GotoAsync(site.Url("/report/new?route=anonymous"));
        await CheckAsync("form");
        await ReportFlows.FillFormAsync(page, "An axe check story");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my report" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/report/code", StringComparison.Ordinal));
        await CheckAsync("code");
        var code = (await page.Locator(".access-code").InnerTextAsync()).Trim();
        await page.GotoAsync(site.Url("/report/sent"));
        await CheckAsync("sent", false);

        var follow = await browser.NewPageAsync((width, 844));
        await ReportFlows.EnterCodeAsync(follow, site, "WRONG-CODE");
        await follow.Locator(".error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(follow, $"(follow-up with an error) at {width} px");
        await follow.GotoAsync(site.Url("/report/follow-up"));
        await Axe.AssertNoViolationsAsync(follow, $"(follow-up) at {width} px");
        await ReportScreenshots.SaveAsync(follow, "follow-up-code", width, fullPage: false);
        await ReportFlows.EnterCodeAsync(follow, site, code);
        await follow.GetByLabel("Write to the adviser").FillAsync("A message from the reporter, to see how the conversation looks.");
        await follow.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await follow.GetByText("Your message has been sent.").WaitForAsync();
        await Axe.AssertNoViolationsAsync(follow, $"(conversation) at {width} px");
        await ReportScreenshots.SaveAsync(follow, "follow-up-conversation", width);
        await follow.GotoAsync(site.Url("/report/follow-up/delete"));
        await Axe.AssertNoViolationsAsync(follow, $"(delete) at {width} px");
        await ReportScreenshots.SaveAsync(follow, "delete", width, fullPage: false);
        await follow.GetByRole(AriaRole.Button, new() { Name = "Yes, delete my report" }).ClickAsync();
        await follow.WaitForURLAsync(site.Url("/report/deleted"));
        await Axe.AssertNoViolationsAsync(follow, $"(deleted) at {width} px");
        await follow.GotoAsync(site.Url("/report/left"));
        await Axe.AssertNoViolationsAsync(follow, $"(left) at {width} px");
        await follow.GotoAsync(site.Url("/report/summary"));
        await Axe.AssertNoViolationsAsync(follow, $"(summary) at {width} px");
        await ReportScreenshots.SaveAsync(follow, "summary", width);

        await page.Context.CloseAsync();
        await follow.Context.CloseAsync();
    }
}
