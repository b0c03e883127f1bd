using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Pages.Admin.Pages;

/// <summary>
/// The structured lists (the 5 Ds, supporters and their quotes): an Editor adds, changes, moves and removes
/// items in the page's draft, every step audited; publishing needs "what changed" and makes the page's next
/// version, which the public history and its comparison show.
/// </summary>
public class ListEditorTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private async Task<HttpClient> EditorAsync() => await factory.SignedInClientAsync(await factory.CreateUserAsync(StaffRoles.Editor));

    [Fact]
    public async Task Editor_AddsMovesAndRemovesQuotes_ThenPublishes_PageAndHistoryFollow()
    {
        var client = await EditorAsync();
        var visitor = factory.CreateBrowserLikeClient();

        using (var added = await client.PressAsync(await client.GetHtmlAsync("/admin/pages/lists/quotes"), "Add to the draft", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Dr Alex Example",
            ["Input.Role"] = "Chair, Example Society (demo)",
            ["Input.Text"] = "We stand with the campaign.",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        // In the draft, not on the site yet.
        var editorPage = await client.GetHtmlAsync("/admin/pages/lists/quotes");
        Assert.Equal(5, editorPage.QuerySelectorAll("[data-list-item]").Length);
        Assert.DoesNotContain("Dr Alex Example", (await visitor.GetHtmlAsync("/supporters")).QuerySelector("main").Text(), StringComparison.Ordinal);

        // Move it to the top (four moves up), then remove the second quote.
        for (var i = 4; i > 0; i--)
        {
            var page = await client.GetHtmlAsync("/admin/pages/lists/quotes");
            using var moved = await client.PressAsync(page, "Move up", within: page.QuerySelector($"[data-list-item='{i}']"));
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        }

        var beforeRemove = await client.GetHtmlAsync("/admin/pages/lists/quotes");
        using (var removed = await client.PressAsync(beforeRemove, "Remove", within: beforeRemove.QuerySelector("[data-list-item='1']")))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        // Publishing needs what changed.
        var publishForm = await client.GetHtmlAsync("/admin/pages/lists/quotes");
        using (var noNote = await client.PressAsync(publishForm, "Publish now"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
            Assert.Contains("what changed", (await noNote.ReadHtmlAsync()).QuerySelector("[data-error-summary]").Text(), StringComparison.OrdinalIgnoreCase);
        }

        using (var published = await client.PressAsync(publishForm, "Publish now", new Dictionary<string, string?> { ["Input.ChangeNote"] = "Added a quote from Example Society" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var supporters = await visitor.GetHtmlAsync("/supporters");
        var names = supporters.QuerySelectorAll(".quote-card figcaption strong").Select(s => s.Text()).ToList();
        Assert.Equal(["Dr Alex Example", "Nadine Almanasfi", "Rachel Williams", "Joe Simpson"], names);
        Assert.Equal("AE", supporters.QuerySelector(".quote-card .initials").Text());
        Assert.Contains("Version 2", supporters.QuerySelector("[data-page-history]").Text(), StringComparison.Ordinal);

        var history = await visitor.GetHtmlAsync("/supporters/history");
        var rows = history.QuerySelectorAll("[data-versions] tbody tr").Select(r => r.Text()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Added a quote from Example Society", rows[0], StringComparison.Ordinal);

        var old = await visitor.GetHtmlAsync("/supporters/history/1");
        Assert.Equal("old", old.QuerySelector("[data-version-status]")?.GetAttribute("data-version-status"));

        var diff = await visitor.GetHtmlAsync("/supporters/history/compare?from=1&to=2");
        // Word by word: what was added and removed may come in several pieces.
        var inserted = string.Join(" ", diff.QuerySelectorAll("[data-diff] ins").Select(i => i.Text()));
        var deleted = string.Join(" ", diff.QuerySelectorAll("[data-diff] del").Select(d => d.Text()));
        Assert.Contains("Alex", inserted, StringComparison.Ordinal);
        Assert.Contains("committed", deleted, StringComparison.Ordinal);

        var actions = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.RecordId == "supporters").Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditActions.PageListItemAdded, actions);
        Assert.Equal(4, actions.Count(a => a == AuditActions.PageListItemMoved));
        Assert.Contains(AuditActions.PageListItemRemoved, actions);
        Assert.Contains(AuditActions.PagePublished, actions);
    }

    [Fact]
    public async Task Editor_ChangesAStepOfTheFiveDs_WithALink_AndItIsPublishedRendered()
    {
        var client = await EditorAsync();
        var page = await client.GetHtmlAsync("/admin/pages/lists/five-ds?edit=4");
        Assert.Equal("Direct", page.QuerySelector("#Input_Name")?.GetAttribute("value"));

        using (var saved = await client.PressAsync(page, "Save in the draft", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Direct",
            ["Input.Text"] = "Speak up, if it is safe to do so. [Read our tips on what to say](/take-action).",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var published = await client.PressAsync(await client.GetHtmlAsync("/admin/pages/lists/five-ds"), "Publish now",
            new Dictionary<string, string?> { ["Input.ChangeNote"] = "Shortened Direct" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var tips = await factory.CreateBrowserLikeClient().GetHtmlAsync("/take-action/bystander-tips");
        var direct = tips.QuerySelectorAll("ol.five-ds li").Last();
        Assert.Equal("/take-action", direct.QuerySelector("p a")?.GetAttribute("href"));
        Assert.Equal(5, tips.QuerySelectorAll("ol.five-ds li").Length);
        Assert.Contains("Shortened Direct", (await factory.CreateBrowserLikeClient().GetHtmlAsync("/take-action/bystander-tips/history")).QuerySelector("[data-versions]").Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Someone's words.", "Enter the name")]
    [InlineData("Alex Example", "", "Enter their words")]
    public async Task AddQuote_WithAMissingPart_IsRefusedWith400(string name, string text, string message)
    {
        var client = await EditorAsync();

        using var response = await client.PressAsync(await client.GetHtmlAsync("/admin/pages/lists/quotes"), "Add to the draft", new Dictionary<string, string?>
        {
            ["Input.Name"] = name,
            ["Input.Role"] = "A role",
            ["Input.Text"] = text,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.ReadHtmlAsync()).QuerySelector("[data-error-summary]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddStep_WithAScriptLink_IsRefused()
    {
        var client = await EditorAsync();

        using var response = await client.PressAsync(await client.GetHtmlAsync("/admin/pages/lists/five-ds"), "Add to the draft", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Dance",
            ["Input.Text"] = "[click](javascript:alert(1))",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot be used", (await response.ReadHtmlAsync()).QuerySelector("main").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_FromAFormOpenedBeforeSomeoneElsesSave_IsRefusedWith409()
    {
        var first = await EditorAsync();
        var second = await EditorAsync();
        var stale = await first.GetHtmlAsync("/admin/pages/lists/societies");
        using (var other = await second.PressAsync(await second.GetHtmlAsync("/admin/pages/lists/societies"), "Add to the draft",
            new Dictionary<string, string?> { ["Input.Name"] = "Example Society (demo)" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        }

        using var response = await first.PressAsync(stale, "Move down", within: stale.QuerySelector("[data-list-item='0']"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task UnknownList_IsNotFound()
    {
        var client = await EditorAsync();

        using var response = await client.GetAsync("/admin/pages/lists/help-lines-of-mars");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
