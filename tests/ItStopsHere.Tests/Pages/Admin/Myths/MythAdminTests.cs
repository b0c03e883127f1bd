using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Pages.Admin.Myths;

/// <summary>
/// Myths through the admin pages, checked on the public myth-busters page. Each test has its own site,
/// because they all change the one list's order and contents.
/// </summary>
public class MythAdminTests
{
    private static Dictionary<string, string?> Myth(string statement, string? sourceUrl = null) => new()
    {
        ["Input.Statement"] = statement,
        ["Input.Answer"] = "The first fact.\n\nThe second fact.",
        ["Input.Source"] = "A named study (2020)",
        ["Input.SourceUrl"] = sourceUrl ?? "",
    };

    private static async Task<(SiteFactory Site, HttpClient Client, TestUser Admin)> SiteAsync()
    {
        var site = new SiteFactory();
        var admin = await site.CreateUserAsync(StaffRoles.Admin);
        return (site, await site.SignedInClientAsync(admin), admin);
    }

    private static async Task<IReadOnlyList<string>> PublicStatementsAsync(SiteFactory site) =>
        (await site.CreateBrowserLikeClient().GetHtmlAsync("/myths"))
            .QuerySelectorAll(".myth__summary")
            .Select(s => s.Text()["Myth: ".Length..])
            .ToList();

    private static Task<List<Myth>> MythsAsync(SiteFactory site) =>
        site.WithDbAsync(db => db.Myths.AsNoTracking().InOrder().ToListAsync());

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task List_ShowsEveryMythInThePublicOrder_WithMoveButtonsOnlyWhereTheyCanMove()
    {
        var (site, client, _) = await SiteAsync();
        await using var _site = site;

        var page = await client.GetHtmlAsync("/admin/myths");

        var items = page.QuerySelectorAll("[data-myth-id]").ToList();
        Assert.Equal(await PublicStatementsAsync(site), items.Select(i => i.QuerySelector("h2").Text()).ToList());
        Assert.Equal(6, items.Count);
        Assert.DoesNotContain(items[0].QuerySelectorAll("button"), b => b.Text().StartsWith("Move up", StringComparison.Ordinal));
        Assert.Contains(items[0].QuerySelectorAll("button"), b => b.Text() == $"Move down: {items[0].QuerySelector("h2").Text()}");
        Assert.DoesNotContain(items[^1].QuerySelectorAll("button"), b => b.Text().StartsWith("Move down", StringComparison.Ordinal));
        Assert.All(items, i => Assert.Equal("shown", i.QuerySelector("[data-myth-visibility]")!.GetAttribute("data-myth-visibility")));
    }

    [Fact]
    public async Task Add_PutsTheMythAtTheEndOfThePublicPage_AndAuditsIt()
    {
        var (site, client, admin) = await SiteAsync();
        await using var _site = site;

        using var response = await client.PressAsync(await client.GetHtmlAsync("/admin/myths/new"), "Add myth", Myth("Harassment is just a bit of fun", "https://www.example.org/study"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var myth = (await MythsAsync(site))[^1];
        Assert.Equal($"/admin/myths#myth-{myth.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal("Harassment is just a bit of fun", (await PublicStatementsAsync(site))[^1]);
        var details = (await site.CreateBrowserLikeClient().GetHtmlAsync("/myths")).QuerySelectorAll("details.myth")[^1];
        Assert.Equal(["Fact: The first fact.", "The second fact.", "Source: A named study (2020)"], details.QuerySelectorAll(".myth__answer p").Select(p => p.Text()).ToList());
        Assert.Equal("https://www.example.org/study", details.QuerySelector(".myth__source a")?.GetAttribute("href"));
        var entry = Assert.Single(await site.AuditFor(Id(myth.Id)));
        Assert.Equal((AuditActions.MythAdded, "Myth", admin.Id), (entry.Action, entry.RecordType, entry.ActorId));
        Assert.Contains("Harassment is just a bit of fun", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_Invalid_Returns400WithErrors_AndAddsNothing()
    {
        var (site, client, _) = await SiteAsync();
        await using var _site = site;

        using var empty = await client.PressAsync(await client.GetHtmlAsync("/admin/myths/new"), "Add myth");
        using var scriptLink = await client.PressAsync(await client.GetHtmlAsync("/admin/myths/new"), "Add myth", Myth("A myth", "javascript:alert(1)"));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = (await empty.ReadHtmlAsync()).QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#Input_Statement", "#Input_Answer", "#Input_Source"], errors);
        Assert.Equal(HttpStatusCode.BadRequest, scriptLink.StatusCode);
        Assert.Contains("starting with https://", (await scriptLink.ReadHtmlAsync()).QuerySelector("#Input_SourceUrl-error").Text(), StringComparison.Ordinal);
        Assert.Equal(6, (await MythsAsync(site)).Count);
    }

    [Fact]
    public async Task Edit_ChangesThePublicPageAtOnce_AndAuditsWhatChanged()
    {
        var (site, client, admin) = await SiteAsync();
        await using var _site = site;
        var myth = (await MythsAsync(site))[2];
        var form = await client.GetHtmlAsync($"/admin/myths/{myth.Id}");
        Assert.Equal(myth.Statement, ((IHtmlInputElement)form.QuerySelector("#Input_Statement")!).Value);

        using var response = await client.PressAsync(form, "Save changes", new Dictionary<string, string?> { ["Input.Answer"] = "A corrected answer.\n\nWith a second paragraph." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = (await site.CreateBrowserLikeClient().GetHtmlAsync("/myths")).QuerySelectorAll("details.myth")[2];
        Assert.Equal("Fact: A corrected answer.", details.QuerySelector(".myth__answer p").Text());
        var entry = Assert.Single(await site.AuditFor(Id(myth.Id)));
        Assert.Equal((AuditActions.MythUpdated, admin.Id), (entry.Action, entry.ActorId));
        Assert.EndsWith("changed answer", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveUpAndDown_ReorderThePublicPage_AndAreAudited()
    {
        var (site, client, _) = await SiteAsync();
        await using var _site = site;
        var before = await PublicStatementsAsync(site);
        var third = (await MythsAsync(site))[2];

        var page = await client.GetHtmlAsync("/admin/myths");
        using var up = await client.PressAsync(page, "Move up", within: page.QuerySelector($"#myth-{third.Id}"));

        Assert.Equal(HttpStatusCode.Redirect, up.StatusCode);
        Assert.Equal($"/admin/myths#myth-{third.Id}", up.Headers.Location!.OriginalString);
        var afterUp = await PublicStatementsAsync(site);
        Assert.Equal([before[0], before[2], before[1], before[3], before[4], before[5]], afterUp);
        Assert.Contains("is now number 2", (await client.GetHtmlAsync("/admin/myths")).QuerySelector("[role=status]").Text(), StringComparison.Ordinal);

        page = await client.GetHtmlAsync("/admin/myths");
        using var down = await client.PressAsync(page, "Move down", within: page.QuerySelector($"#myth-{third.Id}"));
        using var downAgain = await client.PressAsync(await client.GetHtmlAsync("/admin/myths"), "Move down", within: (await client.GetHtmlAsync("/admin/myths")).QuerySelector($"#myth-{third.Id}"));

        Assert.Equal([before[0], before[1], before[3], before[2], before[4], before[5]], await PublicStatementsAsync(site));
        Assert.Equal([1, 2, 3, 4, 5, 6], (await MythsAsync(site)).Select(m => m.SortOrder).ToList());
        var entries = await site.AuditFor(Id(third.Id));
        Assert.Equal([AuditActions.MythMoved, AuditActions.MythMoved, AuditActions.MythMoved], entries.Select(e => e.Action).ToList());
        Assert.EndsWith("up to position 2 of 6", entries[0].Details, StringComparison.Ordinal);
        Assert.EndsWith("down to position 4 of 6", entries[2].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_FirstUp_ChangesNothing()
    {
        var (site, client, _) = await SiteAsync();
        await using var _site = site;
        var first = (await MythsAsync(site))[0];
        var page = await client.GetHtmlAsync("/admin/myths");
        var form = (IHtmlFormElement)page.QuerySelector($"#myth-{first.Id} form")!;

        // The page offers no "Move up" for the first myth; a hand-made request is answered calmly.
        using var response = await client.SubmitAsync(form, [], $"/admin/myths?handler=MoveUp&id={first.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(first.Id, (await MythsAsync(site))[0].Id);
        Assert.Empty(await site.AuditFor(Id(first.Id)));
    }

    [Fact]
    public async Task HideAndShow_TakeTheMythOffThePublicPageAndBack_AndAreAudited()
    {
        var (site, client, admin) = await SiteAsync();
        await using var _site = site;
        var myth = (await MythsAsync(site))[1];

        var page = await client.GetHtmlAsync("/admin/myths");
        using var hide = await client.PressAsync(page, "Hide", within: page.QuerySelector($"#myth-{myth.Id}"));

        Assert.Equal(HttpStatusCode.Redirect, hide.StatusCode);
        Assert.DoesNotContain(myth.Statement, await PublicStatementsAsync(site));
        Assert.Equal(5, (await PublicStatementsAsync(site)).Count);
        page = await client.GetHtmlAsync("/admin/myths");
        Assert.Equal("hidden", page.QuerySelector($"#myth-{myth.Id} [data-myth-visibility]")!.GetAttribute("data-myth-visibility"));

        using var show = await client.PressAsync(page, "Show on the site", within: page.QuerySelector($"#myth-{myth.Id}"));

        Assert.Equal(HttpStatusCode.Redirect, show.StatusCode);
        Assert.Equal(myth.Statement, (await PublicStatementsAsync(site))[1]);
        var entries = await site.AuditFor(Id(myth.Id));
        Assert.Equal([AuditActions.MythHidden, AuditActions.MythShown], entries.Select(e => e.Action).ToList());
        Assert.All(entries, e => Assert.Equal(admin.Id, e.ActorId));
    }

    [Fact]
    public async Task Delete_AsksForConfirmation_ThenRemovesTheMyth_AndAuditsIt()
    {
        var (site, client, admin) = await SiteAsync();
        await using var _site = site;
        var myth = (await MythsAsync(site))[4];

        var confirm = await client.GetHtmlAsync($"/admin/myths/{myth.Id}/delete");
        Assert.Equal("Delete this myth?", confirm.QuerySelector("h1").Text());
        Assert.Equal(myth.Statement, confirm.QuerySelector("blockquote").Text());
        Assert.Equal(6, (await MythsAsync(site)).Count);

        using var response = await client.PressAsync(confirm, "Delete for good");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(myth.Statement, await PublicStatementsAsync(site));
        Assert.DoesNotContain(await MythsAsync(site), m => m.Id == myth.Id);
        var entry = Assert.Single(await site.AuditFor(Id(myth.Id)));
        Assert.Equal((AuditActions.MythDeleted, admin.Id), (entry.Action, entry.ActorId));
        using var gone = await client.GetAsync($"/admin/myths/{myth.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Moderator_CannotChangeMyths()
    {
        var (site, _, _) = await SiteAsync();
        await using var _site = site;
        var moderator = await site.SignedInClientAsync(await site.CreateUserAsync(StaffRoles.Moderator));
        var myth = (await MythsAsync(site))[1];

        foreach (var handler in new[] { "MoveUp", "MoveDown", "Hide", "Show" })
        {
            using var response = await moderator.PostAsync($"/admin/myths?handler={handler}&id={myth.Id}", new FormUrlEncodedContent([]));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(myth.Id, (await MythsAsync(site))[1].Id);
        Assert.Equal(6, (await PublicStatementsAsync(site)).Count);
    }
}
