using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Pages.Admin.Pages;

/// <summary>
/// The help lines of /help and the figures of /impact: edited in small forms, each change published as a
/// new version of its page (history, diff, audit), shown on every page that lists them, with the day each
/// was checked; stale ones are listed on the staff dashboard.
/// </summary>
public class HelpLinesTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private async Task<HttpClient> EditorAsync(SiteFactory? site = null)
    {
        site ??= factory;
        return await site.SignedInClientAsync(await site.CreateUserAsync(StaffRoles.Editor));
    }

    [Fact]
    public async Task Editor_CorrectsAHelpLine_HelpAndReportSafetyShowIt_HistoryAndDiffRecordIt()
    {
        await using var site = new SiteFactory();
        var client = await EditorAsync(site);
        var form = await client.GetHtmlAsync("/admin/help-lines/edit/samaritans");
        Assert.Equal("116 123", form.QuerySelector("#Input_Phone")!.GetAttribute("value"));

        using var saved = await client.PressAsync(form, "Save and publish", new Dictionary<string, string?>
        {
            ["Input.WhoFor"] = "for anyone who is struggling to cope",
            ["Input.CheckedOn"] = "2026-11-20",
            ["Input.ChangeNote"] = "Said who Samaritans is for, after checking with them",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var visitor = site.CreateBrowserLikeClient();
        var help = await visitor.GetHtmlAsync("/help");
        var card = help.QuerySelectorAll(".service").Single(s => s.QuerySelector(".service__name").Text() == "Samaritans");
        Assert.Equal("Free, 24 hours a day, 7 days a week, for anyone who is struggling to cope", card.QuerySelector(".service__when").Text());
        Assert.Equal("Checked on 20 November 2026", card.QuerySelector("[data-checked]").Text());
        Assert.Equal("tel:116123", card.QuerySelector("a.call-link")!.GetAttribute("href"));
        Assert.Contains("Version 2", help.QuerySelector("[data-page-history]").Text(), StringComparison.Ordinal);
        // The page's words are unchanged.
        Assert.Equal("Get help now", help.QuerySelector("h1").Text());

        var safety = await visitor.GetHtmlAsync("/report/safety?route=anonymous");
        var samaritans = safety.QuerySelectorAll(".report-emergency__lines li").Single(li => li.Text().StartsWith("Samaritans", StringComparison.Ordinal));
        Assert.Contains("for anyone who is struggling to cope", samaritans.Text(), StringComparison.Ordinal);
        Assert.Contains("Checked on 20 November 2026", samaritans.Text(), StringComparison.Ordinal);

        var history = await visitor.GetHtmlAsync("/help/history");
        var rows = history.QuerySelectorAll("[data-versions] tbody tr").Select(r => r.Text()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Said who Samaritans is for, after checking with them", rows[0], StringComparison.Ordinal);
        var old = await visitor.GetHtmlAsync("/help/history/1");
        Assert.Equal("old", old.QuerySelector("[data-version-status]")?.GetAttribute("data-version-status"));
        Assert.DoesNotContain("struggling to cope", old.QuerySelector("main").Text(), StringComparison.Ordinal);
        Assert.Contains("Checked on 3 December 2026", old.QuerySelector("main").Text(), StringComparison.Ordinal);
        var diff = await visitor.GetHtmlAsync("/help/history/compare?from=1&to=2");
        var added = string.Join(" ", diff.QuerySelectorAll("[data-diff] ins").Select(i => i.Text()));
        Assert.Contains("struggling to cope", added, StringComparison.Ordinal);
        Assert.Contains("November", added, StringComparison.Ordinal);

        var audit = await site.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.PageFactsChanged).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal("help", entry.RecordId);
        Assert.Contains("changed the help line “Samaritans”", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editor_AddsMovesAndRemovesAHelpLine_EachIsAVersion()
    {
        await using var site = new SiteFactory();
        var client = await EditorAsync(site);

        using var added = await client.PressAsync(await client.GetHtmlAsync("/admin/help-lines/edit"), "Add and publish", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Example Support Line (fictional, for this test)",
            ["Input.TextNumber"] = "+44 7700 900123",
            ["Input.WebAddress"] = "https://example.org/support",
            ["Input.Hours"] = "Evenings",
            ["Input.CheckedOn"] = "2026-11-01",
            ["Input.ChangeNote"] = "Added a line",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var help = await site.CreateBrowserLikeClient().GetHtmlAsync("/help");
        var last = help.QuerySelectorAll(".service").Last();
        Assert.Equal("Example Support Line (fictional, for this test)", last.QuerySelector(".service__name").Text());
        Assert.Contains(last.QuerySelectorAll("a"), a => a.GetAttribute("href") == "sms:+447700900123" && a.Text() == "Text +44 7700 900123");
        Assert.Contains(last.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://example.org/support" && a.Text() == "example.org/support");

        var list = await client.GetHtmlAsync("/admin/help-lines");
        var item = list.QuerySelectorAll("[data-help-line]").Last();
        using var moved = await client.PressAsync(list, "Move up", within: item);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var names = (await site.CreateBrowserLikeClient().GetHtmlAsync("/help")).QuerySelectorAll(".service__name").Select(n => n.Text()).ToList();
        Assert.Equal("Example Support Line (fictional, for this test)", names[^2]);

        var key = (await client.GetHtmlAsync("/admin/help-lines")).QuerySelectorAll("[data-help-line]")[^2].GetAttribute("data-help-line");
        var edit = await client.GetHtmlAsync($"/admin/help-lines/edit/{key}");
        using var noNote = await client.PressAsync(edit, "Remove “Example Support Line (fictional, for this test)”");
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        using var removed = await client.PressAsync(edit, "Remove “Example Support Line (fictional, for this test)”", new Dictionary<string, string?> { ["Input.ChangeNote"] = "Removed the test line" });
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        Assert.Equal(FirstFacts.HelpLines().Select(l => l.Name), (await site.CreateBrowserLikeClient().GetHtmlAsync("/help")).QuerySelectorAll(".service__name").Select(n => n.Text()));
        var notes = (await site.CreateBrowserLikeClient().GetHtmlAsync("/help/history")).QuerySelectorAll("[data-versions] tbody tr").Select(r => r.Text()).ToList();
        Assert.Equal(4, notes.Count);
        Assert.Contains("Moved “Example Support Line (fictional, for this test)” up", notes[1], StringComparison.Ordinal);
        Assert.Equal(3, await site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.PageFactsChanged)));
    }

    public static TheoryData<string, string, string> BadHelpLines() => new()
    {
        { "Input.Phone", "0808-500-2222", "Enter the phone number with digits and spaces only" },
        { "Input.Phone", "call 999", "Enter the phone number with digits and spaces only" },
        { "Input.TextNumber", "tel:85258", "Enter the text number with digits and spaces only" },
        { "Input.WebAddress", "javascript:alert(1)", "Enter the web address in full, starting with https://" },
        { "Input.WebAddress", "www.nhs.uk/sarcs", "Enter the web address in full, starting with https://" },
        { "Input.Email", "not an address", "Enter the email address in the right format" },
        { "Input.Name", "", "Enter the service's name" },
        { "Input.CheckedOn", "2099-01-01", "Enter a real date that is not in the future" },
        { "Input.CheckedOn", "", "Enter the day you last checked the number" },
        { "Input.ChangeNote", "", "Say in one line what changed" },
        { "Input.RightNowText", "", "Write the rest of the “Right now” sentence" },
    };

    [Theory]
    [MemberData(nameof(BadHelpLines))]
    public async Task SaveHelpLine_Invalid_Answers400WithTheErrorInTheSummary_AndPublishesNothing(string field, string value, string error)
    {
        var client = await EditorAsync();
        var before = await factory.WithDbAsync(db => db.ContentVersions.CountAsync(v => v.Page.Slug == "help"));
        var values = new Dictionary<string, string?> { ["Input.ChangeNote"] = "A change", [field] = value };
        if (field == "Input.RightNowText")
        {
            values["Input.RightNowLead"] = "To talk now";
        }

        using var response = await client.PressAsync(await client.GetHtmlAsync("/admin/help-lines/edit/rape-crisis"), "Save and publish", values);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadHtmlAsync();
        var summary = page.QuerySelector("[data-error-summary]");
        Assert.NotNull(summary);
        Assert.Contains(summary.QuerySelectorAll("a"), a => a.Text().StartsWith(error, StringComparison.Ordinal) && a.GetAttribute("href") == "#" + field.Replace('.', '_'));
        Assert.Equal(before, await factory.WithDbAsync(db => db.ContentVersions.CountAsync(v => v.Page.Slug == "help")));
    }

    [Fact]
    public async Task SaveHelpLine_FromAFormOpenedBeforeSomeoneElsesChange_IsRefused()
    {
        await using var site = new SiteFactory();
        var client = await EditorAsync(site);
        var first = await client.GetHtmlAsync("/admin/help-lines/edit/samaritans");
        var second = await client.GetHtmlAsync("/admin/help-lines/edit/galop");
        using var ok = await client.PressAsync(first, "Save and publish", new Dictionary<string, string?> { ["Input.ChangeNote"] = "Checked Samaritans" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        using var late = await client.PressAsync(second, "Save and publish", new Dictionary<string, string?> { ["Input.ChangeNote"] = "Checked Galop" });

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("Someone else changed", (await late.ReadHtmlAsync()).QuerySelector("[data-error-summary]").Text(), StringComparison.Ordinal);
        Assert.Equal(2, await site.WithDbAsync(db => db.ContentVersions.CountAsync(v => v.Page.Slug == "help")));
    }

    [Fact]
    public async Task Editor_CorrectsAnImpactFigure_ImpactShowsItWithItsSourceAndCheckedDay()
    {
        await using var site = new SiteFactory();
        var client = await EditorAsync(site);

        using var saved = await client.PressAsync(await client.GetHtmlAsync("/admin/impact-figures/edit/figure-2"), "Save and publish", new Dictionary<string, string?>
        {
            ["Input.SourceUrl"] = "https://example.org/hidden-marks",
            ["Input.CheckedOn"] = "2026-12-01",
            ["Input.ChangeNote"] = "Linked the Hidden Marks report",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var impact = await site.CreateBrowserLikeClient().GetHtmlAsync("/impact");
        var stat = impact.QuerySelectorAll(".stat")[1];
        Assert.StartsWith("60%", stat.QuerySelector(".stat__text").Text(), StringComparison.Ordinal);
        Assert.Equal("https://example.org/hidden-marks", stat.QuerySelector(".stat__source a")!.GetAttribute("href"));
        Assert.Equal("Checked on 1 December 2026", stat.QuerySelector("[data-checked]").Text());
        Assert.Equal("Checked on 3 December 2026", impact.QuerySelectorAll(".stat")[0].QuerySelector("[data-checked]").Text());
        var history = await site.CreateBrowserLikeClient().GetHtmlAsync("/impact/history");
        Assert.Contains("Linked the Hidden Marks report", history.QuerySelector("[data-versions] tbody tr").Text(), StringComparison.Ordinal);

        using var bad = await client.PressAsync(await client.GetHtmlAsync("/admin/impact-figures/edit/figure-2"), "Save and publish", new Dictionary<string, string?>
        {
            ["Input.SourceUrl"] = "javascript:alert(1)",
            ["Input.Figure"] = "",
            ["Input.ChangeNote"] = "Bad",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ReadHtmlAsync()).QuerySelector("[data-error-summary]").Text();
        Assert.Contains("Enter the figure", errors, StringComparison.Ordinal);
        Assert.Contains("Enter the source's web address in full", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ListsFactsNotCheckedForSixMonths_WithLinksToFixThem_ForEditorsNotModerators()
    {
        var clock = new AdjustableClock();
        await using var site = new SiteFactory().WithServices(services => services.AddSingleton<TimeProvider>(clock));

        // The seeded facts were checked on 3 December 2026: nothing is due yet.
        Assert.Null((await (await EditorAsync(site)).GetHtmlAsync("/admin")).QuerySelector("[data-stale-facts]"));

        var sinceCheck = clock.GetUtcNow() - new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        clock.Advance(TimeSpan.FromDays(200) - (sinceCheck > TimeSpan.Zero ? sinceCheck : TimeSpan.Zero));
        // Signed in afresh: a session idle for months has ended.
        var editor = await EditorAsync(site);
        var moderator = await site.SignedInClientAsync(await site.CreateUserAsync(StaffRoles.Moderator));

        var dashboard = await editor.GetHtmlAsync("/admin");
        var warning = dashboard.QuerySelector("[data-stale-facts]");
        Assert.NotNull(warning);
        var items = warning.QuerySelectorAll("[data-stale-fact]").ToList();
        Assert.Equal(FirstFacts.HelpLines().Count + 4, items.Count);
        Assert.Contains(items, li => li.QuerySelector("a")!.GetAttribute("href") == "/admin/help-lines/edit/samaritans" && li.Text().Contains("checked on 3 December 2026", StringComparison.Ordinal));
        Assert.Contains(items, li => li.QuerySelector("a")!.GetAttribute("href") == "/admin/impact-figures/edit/figure-1");
        Assert.Null((await moderator.GetHtmlAsync("/admin")).QuerySelector("[data-stale-facts]"));
        Assert.NotEmpty((await editor.GetHtmlAsync("/admin/help-lines")).QuerySelectorAll("[data-stale]"));

        // Checking one again takes it off the list.
        var today = ItStopsHere.Web.Infrastructure.LondonTime.DateValue(clock.GetUtcNow());
        using var saved = await editor.PressAsync(await editor.GetHtmlAsync("/admin/help-lines/edit/samaritans"), "Save and publish",
            new Dictionary<string, string?> { ["Input.CheckedOn"] = today, ["Input.ChangeNote"] = "Checked the Samaritans number" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = (await editor.GetHtmlAsync("/admin")).QuerySelectorAll("[data-stale-fact]").ToList();
        Assert.Equal(items.Count - 1, after.Count);
        Assert.DoesNotContain(after, li => li.Text().Contains("Samaritans", StringComparison.Ordinal));
    }
}
