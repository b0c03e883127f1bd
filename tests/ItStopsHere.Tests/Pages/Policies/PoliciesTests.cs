using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Pages.Policies;

/// <summary>
/// /policies: an empty index outside Development, a policy added by an Editor with its three dates, edited and
/// published again with its history and comparison, the dates checked, due reviews on the staff dashboard,
/// and a published policy version kept by the database.
/// </summary>
public class PoliciesTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private static Dictionary<string, string?> NewPolicy(string slug, string effective = "2026-09-01", string reviewed = "2026-09-01", string due = "2027-09-01") => new()
    {
        ["Input.Title"] = $"Example policy {slug}",
        ["Input.Slug"] = slug,
        ["Input.EffectiveOn"] = effective,
        ["Input.LastReviewedOn"] = reviewed,
        ["Input.NextReviewDueOn"] = due,
        ["Input.Summary"] = "What the example policy covers.",
        ["Input.Body"] = "## Scope\n\nEveryone who studies or works here.",
        ["Input.ChangeNote"] = "Policy added",
    };

    private static async Task<HttpResponseMessage> AddAsync(HttpClient client, Dictionary<string, string?> values, string button = "Publish now") =>
        await client.PressAsync(await client.GetHtmlAsync("/admin/policies/new"), button, values);

    [Fact]
    public async Task Get_Policies_WithNone_SaysTheyWillAppear_AndLinksTheUniversitysOwnWhenConfigured()
    {
        await using var site = new SiteFactory().With("Campaign:PoliciesUrl", "https://www.example.ac.uk/policies");
        var client = site.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/policies");

        Assert.Contains("Policies will appear here", document.QuerySelector("[data-no-policies]").Text(), StringComparison.Ordinal);
        Assert.Contains(document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "https://www.example.ac.uk/policies");
        Assert.Equal(0, await site.WithDbAsync(db => db.ContentPages.CountAsync(p => p.Kind == "policy")));
        var footer = document.QuerySelectorAll("footer a").Select(a => a.GetAttribute("href"));
        Assert.Contains("/policies", footer);
        Assert.DoesNotContain(document.QuerySelectorAll("header nav a"), a => a.GetAttribute("href") == "/policies");
    }

    [Fact]
    public async Task Editor_AddsAPolicy_ThenPublishesAReview_DatesHistoryAndDiffFollow()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(StaffRoles.Editor));
        using (var added = await AddAsync(client, NewPolicy("conduct-policy")))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var visitor = factory.CreateBrowserLikeClient();
        var index = await visitor.GetHtmlAsync("/policies");
        Assert.Contains(index.QuerySelectorAll("[data-policies] a"), a => a.GetAttribute("href") == "/policies/conduct-policy");
        var policy = await visitor.GetHtmlAsync("/policies/conduct-policy");
        Assert.Equal("Example policy conduct-policy", policy.QuerySelector("h1").Text());
        Assert.Equal("1 September 2026", policy.QuerySelector("[data-effective]").Text());
        Assert.Equal("2026-09-01", policy.QuerySelector("[data-effective]")?.GetAttribute("datetime"));
        Assert.Equal("1 September 2027", policy.QuerySelector("[data-next-review]").Text());
        Assert.Contains("Everyone who studies or works here.", policy.QuerySelector("main").Text(), StringComparison.Ordinal);

        // A review: same words, new dates, published as version 2 with what changed.
        var edit = await client.GetHtmlAsync("/admin/pages/policies/conduct-policy");
        Assert.Equal("2026-09-01", edit.QuerySelector("#Input_LastReviewedOn")?.GetAttribute("value"));
        using (var reviewed = await client.PressAsync(edit, "Publish now", new Dictionary<string, string?>
        {
            ["Input.LastReviewedOn"] = "2027-08-20",
            ["Input.NextReviewDueOn"] = "2028-08-20",
            ["Input.ChangeNote"] = "Reviewed: no changes",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        }

        policy = await visitor.GetHtmlAsync("/policies/conduct-policy");
        Assert.Equal("20 August 2027", policy.QuerySelector("[data-last-reviewed]").Text());
        var history = await visitor.GetHtmlAsync("/policies/conduct-policy/history");
        var rows = history.QuerySelectorAll("[data-versions] tbody tr").Select(r => r.Text()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Reviewed: no changes", rows[0], StringComparison.Ordinal);
        var old = await visitor.GetHtmlAsync("/policies/conduct-policy/history/1");
        Assert.Equal("old", old.QuerySelector("[data-version-status]")?.GetAttribute("data-version-status"));
        Assert.Equal("1 September 2026", old.QuerySelector("[data-last-reviewed]").Text());
        var diff = await visitor.GetHtmlAsync("/policies/conduct-policy/history/compare?from=1&to=2");
        Assert.Contains(diff.QuerySelectorAll("[data-diff] ins"), i => i.Text().Contains("2027", StringComparison.Ordinal));

        var sitemap = await visitor.GetStringAsync("/sitemap.xml");
        Assert.Contains("/policies/conduct-policy</loc>", sitemap, StringComparison.Ordinal);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.RecordId == "policies/conduct-policy").Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditActions.PolicyAdded, audit);
        Assert.Equal(2, audit.Count(a => a == AuditActions.PagePublished));
    }

    [Theory]
    [InlineData("", "2026-09-01", "2027-09-01", "Enter the date the policy takes effect")]
    [InlineData("2026-09-31", "2026-09-01", "2027-09-01", "as a real date")]
    [InlineData("2026-09-01", "2026-09-01", "2026-09-01", "The next review must be due after the last review")]
    [InlineData("2026-09-01", "2026-09-01", "2025-01-01", "The next review must be due after the last review")]
    [InlineData("2026-09-01", "", "2027-09-01", "Enter the date the policy was last reviewed")]
    public async Task AddPolicy_WithBadDates_IsRefusedWith400(string effective, string reviewed, string due, string message)
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(StaffRoles.Editor));
        var slug = "dates-" + Guid.NewGuid().ToString("N")[..8];

        using var response = await AddAsync(client, NewPolicy(slug, effective, reviewed, due));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.ReadHtmlAsync()).QuerySelector("[data-error-summary]").Text(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ContentPages.CountAsync(p => p.Slug == "policies/" + slug)));
    }

    [Theory]
    [InlineData("Bad Slug")]
    [InlineData("../admin")]
    [InlineData("a--b")]
    public async Task AddPolicy_WithABadAddress_IsRefused(string slug)
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(StaffRoles.Editor));

        using var response = await AddAsync(client, NewPolicy(slug));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AddPolicy_AtATakenAddress_IsRefused_AndADraftIsNotPublic()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(StaffRoles.Admin));
        using (var draft = await AddAsync(client, NewPolicy("draft-policy"), "Save draft"))
        {
            Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        }

        using var again = await AddAsync(client, NewPolicy("draft-policy"));

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already has this web address", (await again.ReadHtmlAsync()).QuerySelector("[data-error-summary]").Text(), StringComparison.Ordinal);
        using var hidden = await factory.CreateBrowserLikeClient().GetAsync("/policies/draft-policy");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Dashboard_ListsPoliciesWhoseReviewIsDue_FromTheirDueDate()
    {
        var clock = new AdjustableClock();
        await using var site = new SiteFactory().WithServices(services => services.AddSingleton<TimeProvider>(clock));
        var user = await site.CreateUserAsync(StaffRoles.Editor);
        var editor = await site.SignedInClientAsync(user);
        var today = DateOnly.FromDateTime(ItStopsHere.Web.Infrastructure.UkFormat.ToLondon(clock.GetUtcNow()).DateTime);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var added = await AddAsync(editor, NewPolicy("review-soon", Day(today.AddYears(-1)), Day(today.AddYears(-1)), Day(today.AddDays(10)))))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        using (var added = await AddAsync(editor, NewPolicy("review-later", Day(today.AddYears(-1)), Day(today.AddYears(-1)), Day(today.AddDays(100)))))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        Assert.Null((await editor.GetHtmlAsync("/admin")).QuerySelector("[data-reviews-due]"));

        clock.Advance(TimeSpan.FromDays(11));
        editor = await site.SignedInClientAsync(user); // the earlier session has timed out by then

        var home = await editor.GetHtmlAsync("/admin");
        var due = home.QuerySelectorAll("[data-review-due]").Select(li => li.GetAttribute("data-review-due")).ToList();
        Assert.Equal(["policies/review-soon"], due);
        Assert.Contains("/admin/pages/policies/review-soon", home.QuerySelector("[data-reviews-due] a")?.GetAttribute("href"), StringComparison.Ordinal);

        // A Moderator's home page does not show it.
        var moderator = await site.SignedInClientAsync(await site.CreateUserAsync(StaffRoles.Moderator));
        Assert.Null((await moderator.GetHtmlAsync("/admin")).QuerySelector("[data-reviews-due]"));
    }

    [Fact]
    public async Task PublishedPolicyVersion_CannotBeChangedOrDeleted_ByTheDatabase()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(StaffRoles.Editor));
        using (var added = await AddAsync(client, NewPolicy("kept-policy")))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var change = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"ContentVersions\" SET \"NextReviewDueOn\" = '2099-01-01' WHERE \"PageId\" = (SELECT \"Id\" FROM \"ContentPages\" WHERE \"Slug\" = 'policies/kept-policy')")));
        Assert.Contains("cannot be changed", change.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM \"ContentVersions\" WHERE \"PageId\" = (SELECT \"Id\" FROM \"ContentPages\" WHERE \"Slug\" = 'policies/kept-policy')")));
        Assert.Contains("kept for at least 3 years", delete.Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2027, 9, 1), await factory.WithDbAsync(db => db.ContentVersions.Where(v => v.Page.Slug == "policies/kept-policy").Select(v => v.NextReviewDueOn).SingleAsync()));
    }
}
