using System.Text.RegularExpressions;
using ItStopsHere.BrowserTests.Support;
using ItStopsHere.Tests.Support;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages.Report;

/// <summary>
/// The report and support channel in Chromium: the anonymous route end to end with an adviser in a second
/// browser context, the named route with its emails read from a real SMTP server, and the form completed
/// with the keyboard alone.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class ReportBrowserTests(BrowserFixture browser, ReportSiteFixture report) : IClassFixture<ReportSiteFixture>
{
    private KestrelSiteFactory Site => report.Site;

    [GeneratedRegex(@"/report/follow-up\?token=[A-Za-z0-9_-]{43}")]
    private static partial Regex PersonalLink();

    [Fact]
    public async Task Anonymous_SubmitCodeFollowUpReplyAdviserReplyDelete()
    {
        var story = "Browser story " + Guid.NewGuid().ToString("N");
        var reporter = await browser.NewPageAsync(BrowserFixture.Phone);
        await ReportFlows.ReportAsync(reporter, Site, "anonymous", story);
        var code = (await reporter.Locator(".access-code").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$", code);
        var id = await report.LatestReportIdAsync();
        // Nothing outlives the visit: no cookie but the session's, nothing in storage.
        Assert.All(await reporter.Context.CookiesAsync(), c => Assert.Equal(-1, c.Expires));
        // (The site's one session-storage mark, "first page of this visit" for the quick exit's hint, ends with the tab and says nothing about a report.)
        Assert.Equal(0, await reporter.EvaluateAsync<int>("() => localStorage.length"));
        var stored = await reporter.EvaluateAsync<string[]>("() => Object.keys(sessionStorage).map(k => k + '=' + sessionStorage.getItem(k))");
        Assert.All(stored, entry => Assert.Matches("^itstopshere\\.(seen|left)=", entry));
        Assert.All(stored, entry => Assert.DoesNotContain(code, entry, StringComparison.Ordinal));

        await reporter.GetByRole(AriaRole.Button, new() { Name = "I have kept my code" }).ClickAsync();
        await reporter.WaitForURLAsync(Site.Url("/report/follow-up"));
        await reporter.Context.CloseAsync();

        // Later, in a fresh browser: the code opens the conversation.
        reporter = await browser.NewPageAsync(BrowserFixture.Phone);
        await ReportFlows.EnterCodeAsync(reporter, Site, code);
        await reporter.GetByRole(AriaRole.Heading, new() { Name = "Your report", Level = 1 }).WaitForAsync();
        await reporter.GetByLabel("Write to the adviser").FillAsync("Can someone call me back?");
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await reporter.GetByText("Your message has been sent.").WaitForAsync();

        var (manager, adviser, adviserAccount) = await ReportFlows.CaseStaffAsync(browser, Site);
        await ReportFlows.AssignAsync(manager, Site, id, adviserAccount);
        Assert.DoesNotContain(story, await manager.ContentAsync(), StringComparison.Ordinal);
        await adviser.GotoAsync(Site.Url("/cases/" + id));
        Assert.Contains(story, await adviser.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Can someone call me back?", await adviser.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await ReportFlows.ReplyAsync(adviser, Site, id, "Yes: an adviser will write again tomorrow.");

        await reporter.ReloadAsync();
        await reporter.GetByText("Yes: an adviser will write again tomorrow.").WaitForAsync();

        await reporter.GetByRole(AriaRole.Link, new() { Name = "Delete my report" }).ClickAsync();
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Yes, delete my report" }).ClickAsync();
        await reporter.WaitForURLAsync(Site.Url("/report/deleted"));
        await reporter.GetByRole(AriaRole.Heading, new() { Name = "Your report has been deleted" }).WaitForAsync();

        // The code now opens nothing, in a fresh browser too.
        var later = await browser.NewPageAsync();
        await ReportFlows.EnterCodeAsync(later, Site, code);
        await later.Locator(".error-summary").WaitForAsync();
        Assert.Equal("Read replies to your report", await later.Locator("h1").InnerTextAsync());
        var gone = await adviser.GotoAsync(Site.Url("/cases/" + id));
        Assert.Equal(404, gone!.Status);

        foreach (var page in new[] { reporter, later, manager, adviser })
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Named_EmailsFromTheSmtpServer_OpenTheConversation()
    {
        var email = $"named.{Guid.NewGuid():N}@example.ac.uk";
        var reporter = await browser.NewPageAsync(BrowserFixture.Phone);
        await ReportFlows.ReportAsync(reporter, Site, "named", "Named browser story", "Lee Fictional", email);
        await reporter.GetByRole(AriaRole.Heading, new() { Name = "Your report has been sent" }).WaitForAsync();
        var id = await report.LatestReportIdAsync();

        var confirmation = await report.Smtp.WaitForMessageAsync(m => m.EnvelopeTo.Contains(email));
        Assert.DoesNotContain("Named browser story", confirmation.Raw, StringComparison.Ordinal);
        var link = PersonalLink().Match(confirmation.Message.TextBody ?? "").Value;
        Assert.NotEmpty(link);
        var fromEmail = await browser.NewPageAsync(BrowserFixture.Phone);
        await fromEmail.GotoAsync(Site.Url(link));
        await fromEmail.GetByRole(AriaRole.Heading, new() { Name = "Your report", Level = 1 }).WaitForAsync();
        Assert.DoesNotContain("token", fromEmail.Url, StringComparison.Ordinal);

        var (manager, adviser, adviserAccount) = await ReportFlows.CaseStaffAsync(browser, Site);
        await ReportFlows.AssignAsync(manager, Site, id, adviserAccount);
        await ReportFlows.ReplyAsync(adviser, Site, id, "Hello Lee, this is your adviser.");

        // "You have a new message", with a new link (the old one stops working) and not the message itself.
        var notice = await report.Smtp.WaitForMessageAsync(m => m.EnvelopeTo.Contains(email) && m.Message.Subject?.StartsWith("You have a new message", StringComparison.Ordinal) == true);
        Assert.DoesNotContain("Hello Lee", notice.Raw, StringComparison.Ordinal);
        var newLink = PersonalLink().Match(notice.Message.TextBody ?? "").Value;
        Assert.NotEqual(link, newLink);
        var again = await browser.NewPageAsync();
        await again.GotoAsync(Site.Url(newLink));
        await again.GetByText("Hello Lee, this is your adviser.").WaitForAsync();
        var stale = await browser.NewPageAsync();
        await stale.GotoAsync(Site.Url(link));
        await stale.GetByText("That link does not open a report any more.").WaitForAsync();

        foreach (var page in new[] { reporter, fromEmail, manager, adviser, again, stale })
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task ReportForm_CanBeCompletedWithTheKeyboardAlone()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Site.Url("/report"));
        await TabToAsync(page, "a[href='/report/start?route=anonymous']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/report/start", StringComparison.Ordinal));
        await TabToAsync(page, "input[name='Input.SafeNow']");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "main button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/report/new", StringComparison.Ordinal));

        // Each question: tab to it, choose with Space (radios: the first option, then arrow keys), type text.
        await TabToAsync(page, "input[name='Input.SafeNow']");
        if (!await page.Locator("#Input_SafeNow-yes").IsCheckedAsync())
        {
            await page.Keyboard.PressAsync("Space");
        }

        await TabToAsync(page, "#Input_Categories-verbal");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "input[name='Input.When']");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, "input[name='Input.Place']");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "#Input_Relationships-student");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "#Input_Story");
        await page.Keyboard.TypeAsync("Typed with the keyboard only");
        await TabToAsync(page, "#Input_Wishes-support");
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.Locator("#Input_Categories-verbal").IsCheckedAsync());
        Assert.True(await page.Locator("#Input_When-month").IsCheckedAsync());
        Assert.True(await page.Locator("#Input_Place-campus").IsCheckedAsync());
        await TabToAsync(page, "main form.report-form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/report/code", StringComparison.Ordinal));
        Assert.Matches("^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$", (await page.Locator(".access-code").InnerTextAsync()).Trim());
        await page.Context.CloseAsync();
    }

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus (failing after 150 presses).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 150; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {selector} on {page.Url}");
    }
}
