using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Pages.Admin.Pages;

/// <summary>An Editor edits a page, previews it, publishes it; the page, its history, the old version and the diff follow.</summary>
public class EditPageTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private async Task<HttpClient> EditorAsync() => await factory.SignedInClientAsync(await factory.CreateUserAsync(StaffRoles.Editor));

    private static async Task<Dictionary<string, string?>> CurrentWordsAsync(HttpClient client, string slug)
    {
        var page = await client.GetHtmlAsync($"/admin/pages/{slug}");
        return new Dictionary<string, string?>
        {
            ["Input.Title"] = page.QuerySelector("#Input_Title")!.GetAttribute("value"),
            ["Input.Summary"] = page.QuerySelector("#Input_Summary")!.TextContent.Trim(),
            ["Input.Body"] = page.QuerySelector("#Input_Body")!.TextContent.Trim(),
        };
    }

    [Fact]
    public async Task Editor_EditPreviewPublish_PageShowsNewText_HistoryKeepsTheOldOne_DiffShowsTheChange()
    {
        var client = await EditorAsync();
        var words = await CurrentWordsAsync(client, "consent");
        var oldSentence = "Consent within a relationship is just as important as consent outside one.";
        var newSentence = "Consent within a relationship or marriage is just as important as consent outside one.";
        Assert.Contains(oldSentence, words["Input.Body"], StringComparison.Ordinal);
        words["Input.Body"] = words["Input.Body"]!.Replace(oldSentence, newSentence, StringComparison.Ordinal);

        using (var preview = await client.PressAsync(await client.GetHtmlAsync("/admin/pages/consent"), "Preview", words))
        {
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            var document = await preview.ReadHtmlAsync();
            Assert.Contains(newSentence, document.QuerySelector("[data-preview]").Text(), StringComparison.Ordinal);
            Assert.Equal(oldSentence.Length > 0, (await client.GetHtmlAsync("/consent")).QuerySelector("main").Text().Contains(oldSentence, StringComparison.Ordinal));

            // Publishing from the preview's own form, as a person would.
            words["Input.ChangeNote"] = "Said that consent matters in marriage too";
            using var published = await client.PressAsync(document, "Publish now", words);
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var page = await client.GetHtmlAsync("/consent");
        Assert.Contains(newSentence, page.QuerySelector("main").Text(), StringComparison.Ordinal);
        Assert.Contains("Version 2", page.QuerySelector("[data-page-history]").Text(), StringComparison.Ordinal);

        var anonymous = factory.CreateBrowserLikeClient();
        var history = await anonymous.GetHtmlAsync("/consent/history");
        var rows = history.QuerySelectorAll("[data-versions] tbody tr").Select(r => r.Text()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Version 2 (current)", rows[0], StringComparison.Ordinal);
        Assert.Contains("Said that consent matters in marriage too", rows[0], StringComparison.Ordinal);
        Assert.Contains("Campaign team (Editor)", rows[0], StringComparison.Ordinal);
        Assert.DoesNotContain("@", rows[0], StringComparison.Ordinal);
        Assert.Contains("Version 1", rows[1], StringComparison.Ordinal);

        var old = await anonymous.GetHtmlAsync("/consent/history/1");
        Assert.Equal("old", old.QuerySelector("[data-version-status]")?.GetAttribute("data-version-status"));
        Assert.Contains("not current", old.QuerySelector("[data-version-status]").Text(), StringComparison.Ordinal);
        Assert.Contains(oldSentence, old.QuerySelector("main").Text(), StringComparison.Ordinal);
        Assert.NotNull(old.QuerySelector("meta[name=robots][content=noindex]"));

        var diff = await anonymous.GetHtmlAsync("/consent/history/compare?from=1&to=2");
        var added = diff.QuerySelectorAll("[data-diff] ins").Select(i => i.Text()).ToList();
        Assert.Contains(added, a => a.Contains("or marriage", StringComparison.Ordinal));
        Assert.Empty(diff.QuerySelectorAll("[data-diff] del"));

        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.PagePublished).ToListAsync());
        Assert.Contains(audit, e => e.RecordId == "consent" && e.Details!.Contains("version 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_WithoutWhatChanged_OrEmpty_IsRefusedWith400()
    {
        var client = await EditorAsync();
        var words = await CurrentWordsAsync(client, "staying-safe-online");

        using var noNote = await client.PressAsync(await client.GetHtmlAsync("/admin/pages/staying-safe-online"), "Publish now", words);
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Contains("what changed", (await noNote.ReadHtmlAsync()).QuerySelector(".error-summary, [role=alert]").Text(), StringComparison.OrdinalIgnoreCase);

        words["Input.ChangeNote"] = "Emptied it";
        words["Input.Body"] = "  ";
        using var empty = await client.PressAsync(await client.GetHtmlAsync("/admin/pages/staying-safe-online"), "Publish now", words);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.ContentVersions.CountAsync(v => v.Page.Slug == "staying-safe-online")));
    }

    [Theory]
    [InlineData("## One\n\n#### Skipped", "skips a level")]
    [InlineData("## One\n\n![a picture](https://example.org/x.png)", "Pictures cannot be added")]
    [InlineData("## One\n\n[click](javascript:alert(1))", "cannot be used")]
    [InlineData("## One\n\n[click](data:text/html,hi)", "cannot be used")]
    public async Task SaveDraft_UnsafeOrBadlyOutlinedMarkdown_IsRefused(string body, string message)
    {
        var client = await EditorAsync();
        var words = await CurrentWordsAsync(client, "what-is-sexual-harassment");
        words["Input.Body"] = body;

        using var response = await client.PressAsync(await client.GetHtmlAsync("/admin/pages/what-is-sexual-harassment"), "Save draft", words);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.ReadHtmlAsync()).QuerySelector("main").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveDraft_AfterSomeoneElsesNewerSave_IsRefused_AndShowsBoth()
    {
        var first = await EditorAsync();
        var second = await factory.SignedInClientAsync(await factory.CreateUserAsync(StaffRoles.Admin));
        var slug = "what-is-sexual-harassment";
        var firstForm = await first.GetHtmlAsync($"/admin/pages/{slug}");
        var secondForm = await second.GetHtmlAsync($"/admin/pages/{slug}");
        var words = await CurrentWordsAsync(first, slug);

        words["Input.Title"] = "What is sexual harassment? (first editor)";
        using (var saved = await first.PressAsync(firstForm, "Save draft", words))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        words["Input.Title"] = "What is sexual harassment? (second editor)";
        using var refused = await second.PressAsync(secondForm, "Save draft", words);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var document = await refused.ReadHtmlAsync();
        Assert.Contains("(first editor)", document.QuerySelector("[data-conflict]").Text(), StringComparison.Ordinal);
        Assert.Equal("What is sexual harassment? (second editor)", document.QuerySelector("#Input_Title")!.GetAttribute("value"));
        var draft = await factory.WithDbAsync(db => db.ContentVersions.AsNoTracking().SingleAsync(v => v.Page.Slug == slug && v.State == ContentVersionState.Draft));
        Assert.Equal("What is sexual harassment? (first editor)", draft.Title);
        // The public page is untouched by a draft.
        Assert.Equal("What is sexual harassment?", (await factory.CreateBrowserLikeClient().GetHtmlAsync($"/{slug}")).QuerySelector("h1").Text());
    }

    [Fact]
    public async Task ScheduledVersion_AppearsAtItsTime_NotBefore()
    {
        var clock = new AdjustableClock();
        await using var site = new SiteFactory().WithServices(services => services.AddSingleton<TimeProvider>(clock));
        var client = await site.SignedInClientAsync(await site.CreateUserAsync(StaffRoles.Editor));
        var words = await CurrentWordsAsync(client, "staying-safe-online");
        words["Input.Title"] = "Staying safe online and offline";
        words["Input.ChangeNote"] = "New title";
        var at = clock.GetUtcNow().AddHours(3);
        words["Schedule.Date"] = ItStopsHere.Web.Infrastructure.LondonTime.DateValue(at);
        words["Schedule.Time"] = ItStopsHere.Web.Infrastructure.LondonTime.TimeValue(at);

        using var scheduled = await client.PressAsync(await client.GetHtmlAsync("/admin/pages/staying-safe-online"), "Schedule", words);

        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var visitor = site.CreateBrowserLikeClient();
        Assert.Equal("Staying safe online", (await visitor.GetHtmlAsync("/staying-safe-online")).QuerySelector("h1").Text());
        Assert.Single((await visitor.GetHtmlAsync("/staying-safe-online/history")).QuerySelectorAll("[data-versions] tbody tr"));
        Assert.Contains(await site.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(e => e.Action).ToListAsync()), a => a == AuditActions.PageScheduled);

        clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1));

        Assert.Equal("Staying safe online and offline", (await visitor.GetHtmlAsync("/staying-safe-online")).QuerySelector("h1").Text());
        Assert.Equal(2, (await visitor.GetHtmlAsync("/staying-safe-online/history")).QuerySelectorAll("[data-versions] tbody tr").Length);
    }
}
