using ItStopsHere.BrowserTests.Support;
using ItStopsHere.Web.Data;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages.Report;

/// <summary>The steps of a report and of the case desk, as a person with a mouse or a thumb takes them.</summary>
public static class ReportFlows
{
    /// <summary>From /report to the page after "Send my report", answering with <paramref name="story"/>.</summary>
    public static async Task ReportAsync(IPage page, KestrelSiteFactory site, string route, string story, string? name = null, string? email = null)
    {
        await page.GotoAsync(site.Url("/report"));
        await page.GetByRole(AriaRole.Link, new() { Name = route == "anonymous" ? "Tell us anonymously" : "Talk to an adviser" }).ClickAsync();
        await page.GetByLabel("Yes, I'm safe now").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/report/new", StringComparison.Ordinal));
        await FillFormAsync(page, story, name, email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my report" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains(route == "anonymous" ? "/report/code" : "/report/sent", StringComparison.Ordinal));
    }

    public static async Task FillFormAsync(IPage page, string story, string? name = null, string? email = null)
    {
        var safe = page.Locator("#Input_SafeNow-yes");
        if (await safe.IsVisibleAsync() && !await safe.IsCheckedAsync())
        {
            await safe.CheckAsync();
        }

        await page.Locator("#Input_Categories-verbal").CheckAsync();
        await page.Locator("#Input_When-month").CheckAsync();
        await page.Locator("#Input_Place-campus").CheckAsync();
        await page.Locator("#Input_Relationships-student").CheckAsync();
        await page.GetByLabel("What happened, in your own words (optional)").FillAsync(story);
        await page.Locator("#Input_Wishes-support").CheckAsync();
        if (name is not null)
        {
            await page.GetByLabel("Your name").FillAsync(name);
            await page.GetByLabel("Email address").FillAsync(email!);
            await page.Locator("#Input_PreferredContact-email").CheckAsync();
        }
    }

    public static async Task EnterCodeAsync(IPage page, KestrelSiteFactory site, string code)
    {
        await page.GotoAsync(site.Url("/report/follow-up"));
        await page.GetByLabel("Access code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open my report" }).ClickAsync();
    }

    /// <summary>A Case manager and an Adviser, each signed in in their own browser context.</summary>
    public static async Task<(IPage Manager, IPage Adviser, StaffAccount AdviserAccount)> CaseStaffAsync(BrowserFixture browser, KestrelSiteFactory site, (int Width, int Height)? viewport = null)
    {
        var managerAccount = await StaffAccounts.CreateAsync(site, StaffRoles.CaseManager);
        var adviserAccount = await StaffAccounts.CreateAsync(site, StaffRoles.Adviser);
        var manager = await browser.NewPageAsync(viewport);
        await StaffAccounts.SignInAsync(manager, site, managerAccount, "/cases");
        var adviser = await browser.NewPageAsync(viewport);
        await StaffAccounts.SignInAsync(adviser, site, adviserAccount, "/cases");
        return (manager, adviser, adviserAccount);
    }

    public static async Task AssignAsync(IPage manager, KestrelSiteFactory site, Guid id, StaffAccount adviser)
    {
        await manager.GotoAsync(site.Url("/cases/" + id));
        await manager.GetByLabel(adviser.Email).CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await manager.GetByText("The case has been assigned.").WaitForAsync();
    }

    public static async Task ReplyAsync(IPage adviser, KestrelSiteFactory site, Guid id, string text)
    {
        await adviser.GotoAsync(site.Url("/cases/" + id));
        await adviser.GetByLabel("Message").FillAsync(text);
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Send to the reporter" }).ClickAsync();
        await adviser.GetByText("Your message has been sent to the reporter.").WaitForAsync();
    }
}
