using System.Net;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Pages.Admin.News;

public class NewsAdminTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    /// <summary>A title no other test in this class uses, so each test finds its own item.</summary>
    private static string Unique(string title) => $"{title} {Guid.NewGuid().ToString("N")[..8]}";

    private static Dictionary<string, string?> Item(string title, string? slug = null, string body = "The **whole** story.") => new()
    {
        ["Input.Title"] = title,
        ["Input.Slug"] = slug ?? "",
        ["Input.Summary"] = "A short summary for lists.",
        ["Input.Body"] = body,
    };

    private async Task<HttpClient> AdminAsync() => await factory.SignedInClientAsync(await factory.CreateUserAsync(StaffRoles.Admin));

    /// <summary>Writes an item through the form, pressing <paramref name="button"/>, and returns its id.</summary>
    private static async Task<int> CreateAsync(HttpClient client, Dictionary<string, string?> values, string button = "Save as draft")
    {
        var page = await client.GetHtmlAsync("/admin/news/new");
        using var response = await client.PressAsync(page, button, values);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Saving answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/admin/news/[0-9]+$", location);
        return int.Parse(location["/admin/news/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<HttpResponseMessage> PressOnEditAsync(HttpClient client, int id, string button, Dictionary<string, string?>? values = null) =>
        await client.PressAsync(await client.GetHtmlAsync($"/admin/news/{id}"), button, values);

    private Task<NewsItem> ItemAsync(int id) => factory.WithDbAsync(db => db.NewsItems.AsNoTracking().SingleAsync(n => n.Id == id));

    /// <summary>Where an item can be seen by the public: its page, the list, the home page, the feed and the sitemap.</summary>
    private static async Task<(HttpStatusCode Page, bool InList, bool OnHome, bool InFeed, bool InSitemap)> PublicViewAsync(HttpClient client, string slug)
    {
        using var page = await client.GetAsync($"/news/{slug}");
        var list = (await client.GetHtmlAsync("/news")).QuerySelector("main")!.InnerHtml;
        var home = (await client.GetHtmlAsync("/")).QuerySelector("main")!.InnerHtml;
        var feed = await client.GetStringAsync("/news/feed.xml");
        var sitemap = await client.GetStringAsync("/sitemap.xml");
        var link = $"/news/{slug}\"";
        return (page.StatusCode, list.Contains(link, StringComparison.Ordinal), home.Contains(link, StringComparison.Ordinal),
            feed.Contains($"/news/{slug}<", StringComparison.Ordinal), sitemap.Contains($"/news/{slug}<", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_List_ShowsEveryItemWithItsStatus_AndFiltersByStatus()
    {
        var client = await AdminAsync();
        var draftTitle = Unique("Listed draft");
        var draftId = await CreateAsync(client, Item(draftTitle));

        var all = await client.GetHtmlAsync("/admin/news");
        var drafts = await client.GetHtmlAsync("/admin/news?show=drafts");
        var published = await client.GetHtmlAsync("/admin/news?show=published");
        var events = await client.GetHtmlAsync("/admin/news?show=events");

        Assert.Equal("News and events", all.QuerySelector("h1").Text());
        var seeded = all.QuerySelectorAll("tbody tr").Single(r => r.Text().Contains("Thank you for visiting us at the Welcome Fair", StringComparison.Ordinal));
        Assert.Equal("published", seeded.QuerySelector("[data-status]")!.GetAttribute("data-status"));
        Assert.Equal("draft", all.QuerySelector($"tr[data-news-id='{draftId}'] [data-status]")!.GetAttribute("data-status"));
        Assert.NotNull(drafts.QuerySelector($"tr[data-news-id='{draftId}']"));
        Assert.All(drafts.QuerySelectorAll("tbody [data-status]"), cell => Assert.Equal("draft", cell.GetAttribute("data-status")));
        Assert.Null(published.QuerySelector($"tr[data-news-id='{draftId}']"));
        Assert.Contains("Thank you for visiting us at the Welcome Fair", published.QuerySelector("tbody").Text(), StringComparison.Ordinal);
        Assert.Contains("Survivors of Sexual Assault panel discussion", events.QuerySelector("tbody").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Thank you for visiting us at the Welcome Fair", events.QuerySelector("tbody").Text(), StringComparison.Ordinal);
        Assert.Equal("page", drafts.QuerySelector("a[href='/admin/news?show=drafts']")!.GetAttribute("aria-current"));
        using var unknown = await client.GetAsync("/admin/news?show=everything");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Create_SaveAsDraft_IsKeptOffTheSite_AndAudited()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = await factory.SignedInClientAsync(admin);
        var title = Unique("Draft news");

        var id = await CreateAsync(client, Item(title));

        var item = await ItemAsync(id);
        Assert.False(item.IsPublished);
        Assert.Equal(NewsSlugFor(title), item.Slug);
        Assert.Equal("The **whole** story.", item.Body);
        var edit = await client.GetHtmlAsync($"/admin/news/{id}");
        Assert.Contains("is saved as a draft", edit.QuerySelector("[role=status]").Text(), StringComparison.Ordinal);
        Assert.Equal("draft", edit.QuerySelector("[data-news-status]")!.GetAttribute("data-news-status"));
        Assert.Equal(title, ((IHtmlInputElement)edit.QuerySelector("#Input_Title")!).Value);
        var view = await PublicViewAsync(factory.CreateBrowserLikeClient(), item.Slug);
        Assert.Equal((HttpStatusCode.NotFound, false, false, false, false), view);

        var entry = Assert.Single(await factory.AuditFor(id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(AuditActions.NewsCreated, entry.Action);
        Assert.Equal("NewsItem", entry.RecordType);
        Assert.Equal(admin.Id, entry.ActorId);
        Assert.Contains(title, entry.Details, StringComparison.Ordinal);
    }

    private static string NewsSlugFor(string title) => ItStopsHere.Web.Content.NewsSlugs.FromTitle(title);

    [Fact]
    public async Task Create_SaveAndPublish_ShowsItEverywhere_AndAuditsBoth()
    {
        var client = await AdminAsync();
        var title = Unique("Published at once");

        var id = await CreateAsync(client, Item(title), "Save and publish now");

        var item = await ItemAsync(id);
        Assert.True(item.IsPublished);
        var visitor = factory.CreateBrowserLikeClient();
        Assert.Equal((HttpStatusCode.OK, true, true, true, true), await PublicViewAsync(visitor, item.Slug));
        var page = await visitor.GetHtmlAsync($"/news/{item.Slug}");
        Assert.Equal(title, page.QuerySelector("h1").Text());
        Assert.Equal("whole", page.QuerySelector(".article-body strong").Text());
        var actions = (await factory.AuditFor(id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Select(e => e.Action);
        Assert.Equal([AuditActions.NewsCreated, AuditActions.NewsPublished], actions);
    }

    [Fact]
    public async Task Create_MissingTitleSummaryAndText_Returns400WithErrorSummary_AndSavesNothing()
    {
        var client = await AdminAsync();
        var before = await factory.WithDbAsync(db => db.NewsItems.CountAsync());
        var page = await client.GetHtmlAsync("/admin/news/new");

        using var response = await client.PressAsync(page, "Save as draft", new Dictionary<string, string?> { ["Input.Title"] = " ", ["Input.Summary"] = "", ["Input.Body"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        Assert.StartsWith("Error:", document.Title, StringComparison.Ordinal);
        var links = document.QuerySelectorAll(".error-summary a").Select(a => (a.GetAttribute("href") ?? "", a.Text())).ToList();
        // In the form's order, not ModelState's alphabetical one.
        Assert.Equal(["#Input_Title", "#Input_Summary", "#Input_Body"], links.Select(l => l.Item1).ToList());
        Assert.Equal("Enter a title", links[0].Item2);
        Assert.StartsWith("Enter a summary", links[1].Item2, StringComparison.Ordinal);
        Assert.Equal("Enter the text of the item", links[2].Item2);
        Assert.Equal("true", document.QuerySelector("#Input_Title")!.GetAttribute("aria-invalid"));
        Assert.Contains("Enter a title", document.QuerySelector("#Input_Title-error").Text(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.NewsItems.CountAsync()));
    }

    [Fact]
    public async Task Preview_RendersTheMarkdownServerSide_WithoutSaving_AndKeepsTheForm()
    {
        var client = await AdminAsync();
        var before = await factory.WithDbAsync(db => db.NewsItems.CountAsync());
        var title = Unique("Previewed");
        var page = await client.GetHtmlAsync("/admin/news/new");

        using var response = await client.PressAsync(page, "Preview", Item(title, body: "## What happened\n\nWe met **forty** students.\n\n- one\n- two"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        var preview = document.QuerySelector("[data-preview]")!;
        Assert.Equal(title, preview.QuerySelector(".preview__title").Text());
        Assert.Equal("What happened", preview.QuerySelector(".article-body h4").Text());
        Assert.Equal("forty", preview.QuerySelector(".article-body strong").Text());
        Assert.Equal(2, preview.QuerySelectorAll(".article-body li").Length);
        Assert.Equal(title, ((IHtmlInputElement)document.QuerySelector("#Input_Title")!).Value);
        Assert.Contains("We met **forty** students.", document.QuerySelector("#Input_Body")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.NewsItems.CountAsync()));
    }

    [Fact]
    public async Task Preview_OfAnInvalidItem_ShowsThePreviewAndTheErrors_With400()
    {
        var client = await AdminAsync();
        var page = await client.GetHtmlAsync("/admin/news/new");

        using var response = await client.PressAsync(page, "Preview", new Dictionary<string, string?> { ["Input.Body"] = "Only *some* text so far." });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        Assert.Equal("some", document.QuerySelector("[data-preview] .article-body em").Text());
        Assert.Contains("Enter a title", document.QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_Preview_ShowsTheEditedTextButSavesNothing()
    {
        var client = await AdminAsync();
        var id = await CreateAsync(client, Item(Unique("Edit preview"), body: "Original text."));

        using var response = await PressOnEditAsync(client, id, "Preview", new Dictionary<string, string?> { ["Input.Body"] = "Changed *text*." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text", (await response.ReadHtmlAsync()).QuerySelector("[data-preview] .article-body em").Text());
        Assert.Equal("Original text.", (await ItemAsync(id)).Body);
    }

    [Fact]
    public async Task Slug_IsMadeFromTheTitle_AndNumberedWhenTaken()
    {
        var client = await AdminAsync();
        var title = Unique("Zoë's Screening & Q&A!");

        var first = await ItemAsync(await CreateAsync(client, Item(title)));
        var second = await ItemAsync(await CreateAsync(client, Item(title)));
        var third = await ItemAsync(await CreateAsync(client, Item(title)));

        Assert.StartsWith("zoes-screening-and-q-and-a-", first.Slug, StringComparison.Ordinal);
        Assert.Equal(first.Slug + "-2", second.Slug);
        Assert.Equal(first.Slug + "-3", third.Slug);
    }

    [Fact]
    public async Task Slug_TypedByTheAdmin_IsUsed_AndRefusedWhenTakenOrMalformed()
    {
        var client = await AdminAsync();
        var slug = "chosen-" + Guid.NewGuid().ToString("N")[..8];
        var id = await CreateAsync(client, Item(Unique("Own address"), slug));
        Assert.Equal(slug, (await ItemAsync(id)).Slug);

        var page = await client.GetHtmlAsync("/admin/news/new");
        using var taken = await client.PressAsync(page, "Save as draft", Item(Unique("Same address"), slug));
        using var takenOnEdit = await PressOnEditAsync(client, await CreateAsync(client, Item(Unique("Other"))), "Save changes",
            new Dictionary<string, string?> { ["Input.Slug"] = "thank-you-from-the-welcome-fair" });
        using var malformed = await client.PressAsync(await client.GetHtmlAsync("/admin/news/new"), "Save as draft", Item(Unique("Bad address"), "Not A Slug!"));

        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("already has this web address", (await taken.ReadHtmlAsync()).QuerySelector("#Input_Slug-error").Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, takenOnEdit.StatusCode);
        Assert.Contains("“Thank you for visiting us at the Welcome Fair” already has this web address", (await takenOnEdit.ReadHtmlAsync()).QuerySelector("#Input_Slug-error").Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("lower-case letters, numbers and single hyphens", (await malformed.ReadHtmlAsync()).QuerySelector("#Input_Slug-error").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_SavesTheChanges_KeepsTheAddress_AndAuditsWhatChanged()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = await factory.SignedInClientAsync(admin);
        var id = await CreateAsync(client, Item(Unique("Before edit")), "Save and publish now");
        var slug = (await ItemAsync(id)).Slug;
        var newTitle = Unique("After edit");

        using var response = await PressOnEditAsync(client, id, "Save changes", new Dictionary<string, string?> { ["Input.Title"] = newTitle, ["Input.Body"] = "New *words*." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var item = await ItemAsync(id);
        Assert.Equal(newTitle, item.Title);
        Assert.Equal(slug, item.Slug);
        var page = await factory.CreateBrowserLikeClient().GetHtmlAsync($"/news/{slug}");
        Assert.Equal(newTitle, page.QuerySelector("h1").Text());
        Assert.Equal("words", page.QuerySelector(".article-body em").Text());
        var updated = (await factory.AuditFor(id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Last();
        Assert.Equal(AuditActions.NewsUpdated, updated.Action);
        Assert.Equal(admin.Id, updated.ActorId);
        Assert.EndsWith("changed title, text", updated.Details, StringComparison.Ordinal);

        // Saving again with nothing changed records nothing.
        using var again = await PressOnEditAsync(client, id, "Save changes");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(updated.Id, (await factory.AuditFor(id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Last().Id);
    }

    [Fact]
    public async Task PublishAndUnpublish_MoveTheItemOnAndOffTheSite_AndAreAudited()
    {
        var client = await AdminAsync();
        var id = await CreateAsync(client, Item(Unique("On and off")));
        var slug = (await ItemAsync(id)).Slug;
        var visitor = factory.CreateBrowserLikeClient();

        using (var published = await PressOnEditAsync(client, id, "Publish now"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        Assert.Equal((HttpStatusCode.OK, true, true, true, true), await PublicViewAsync(visitor, slug));
        var edit = await client.GetHtmlAsync($"/admin/news/{id}");
        Assert.Contains("is published", edit.QuerySelector("[role=status]").Text(), StringComparison.Ordinal);
        Assert.Equal($"/news/{slug}", edit.QuerySelector("[data-public-link]")!.GetAttribute("href"));

        using (var unpublished = await PressOnEditAsync(client, id, "Unpublish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        }

        Assert.Equal((HttpStatusCode.NotFound, false, false, false, false), await PublicViewAsync(visitor, slug));
        Assert.False((await ItemAsync(id)).IsPublished);
        var actions = (await factory.AuditFor(id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Select(e => e.Action);
        Assert.Equal([AuditActions.NewsCreated, AuditActions.NewsPublished, AuditActions.NewsUnpublished], actions);
    }

    [Fact]
    public async Task Delete_AsksForConfirmationFirst_ThenDeletes_AndAudits()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = await factory.SignedInClientAsync(admin);
        var title = Unique("To be deleted");
        var id = await CreateAsync(client, Item(title), "Save and publish now");
        var slug = (await ItemAsync(id)).Slug;

        var confirm = await client.GetHtmlAsync($"/admin/news/{id}/delete");
        Assert.Equal($"Delete “{title}”?", confirm.QuerySelector("h1").Text());
        Assert.Contains("It is on the site now", confirm.QuerySelector("main").Text(), StringComparison.Ordinal);
        Assert.NotNull(await factory.WithDbAsync(db => db.NewsItems.FindAsync(id).AsTask()));

        using var response = await client.PressAsync(confirm, "Delete for good");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/news", response.Headers.Location!.OriginalString);
        Assert.Null(await factory.WithDbAsync(db => db.NewsItems.FindAsync(id).AsTask()));
        Assert.Contains("has been deleted", (await client.GetHtmlAsync("/admin/news")).QuerySelector("[role=status]").Text(), StringComparison.Ordinal);
        using var gone = await factory.CreateBrowserLikeClient().GetAsync($"/news/{slug}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var editGone = await client.GetAsync($"/admin/news/{id}");
        Assert.Equal(HttpStatusCode.NotFound, editGone.StatusCode);
        var deleted = (await factory.AuditFor(id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Last();
        Assert.Equal(AuditActions.NewsDeleted, deleted.Action);
        Assert.Equal(admin.Id, deleted.ActorId);
        Assert.Contains(title, deleted.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_IsSavedInLondonTime_AndShownAsAnEvent()
    {
        var client = await AdminAsync();
        var values = Item(Unique("Summer event"));
        values["Input.StartDate"] = "2031-07-01";
        values["Input.StartTime"] = "18:00";
        values["Input.EndTime"] = "20:30";
        values["Input.Location"] = "Great Hall, Strand Campus";
        values["Input.ExternalUrl"] = "https://www.example.ac.uk/book";

        var id = await CreateAsync(client, values, "Save and publish now");

        var item = await ItemAsync(id);
        // 18:00 in London in July is 17:00 UTC (British Summer Time); the end defaults to the same day.
        Assert.Equal(new DateTimeOffset(2031, 7, 1, 17, 0, 0, TimeSpan.Zero), item.StartsAt);
        Assert.Equal(new DateTimeOffset(2031, 7, 1, 19, 30, 0, TimeSpan.Zero), item.EndsAt);
        Assert.Equal("Great Hall, Strand Campus", item.Location);
        var page = await factory.CreateBrowserLikeClient().GetHtmlAsync($"/news/{item.Slug}");
        Assert.Contains("Tuesday 1 July 2031, 18:00 to 20:30", page.QuerySelector(".event-box").Text(), StringComparison.Ordinal);
        Assert.Equal("https://www.example.ac.uk/book", page.QuerySelector(".event-box a[href^='https://www.example']")?.GetAttribute("href"));
        var edit = await client.GetHtmlAsync($"/admin/news/{id}");
        Assert.Equal("2031-07-01", ((IHtmlInputElement)edit.QuerySelector("#Input_StartDate")!).Value);
        Assert.Equal("18:00", ((IHtmlInputElement)edit.QuerySelector("#Input_StartTime")!).Value);
    }

    public static TheoryData<string, Dictionary<string, string?>, string, string> InvalidEvents() => new()
    {
        { "end before start", new() { ["Input.StartDate"] = "2031-05-01", ["Input.StartTime"] = "18:00", ["Input.EndTime"] = "17:00" }, "Input_EndTime", "The event must end after it starts" },
        { "end date before start", new() { ["Input.StartDate"] = "2031-05-02", ["Input.StartTime"] = "18:00", ["Input.EndDate"] = "2031-05-01", ["Input.EndTime"] = "19:00" }, "Input_EndDate", "The event must end after it starts" },
        { "no start time", new() { ["Input.StartDate"] = "2031-05-01" }, "Input_StartTime", "Enter the time the event starts, like 18:00" },
        { "place without a date", new() { ["Input.Location"] = "Room 1" }, "Input_StartDate", "Enter the date the event starts, or leave all the event details empty if this is not an event" },
        { "not a real date", new() { ["Input.StartDate"] = "31/02/2031", ["Input.StartTime"] = "18:00" }, "Input_StartDate", "Enter the date the event starts as a real date, like 27/04/2026" },
        { "not a time", new() { ["Input.StartDate"] = "2031-05-01", ["Input.StartTime"] = "teatime" }, "Input_StartTime", "Enter the time the event starts on the 24-hour clock, like 18:00" },
        { "end date without end time", new() { ["Input.StartDate"] = "2031-05-01", ["Input.StartTime"] = "18:00", ["Input.EndDate"] = "2031-05-02" }, "Input_EndTime", "Enter the time the event ends, like 21:00, or leave the end date and time empty" },
        { "a time the clocks skip", new() { ["Input.StartDate"] = "2031-03-30", ["Input.StartTime"] = "01:30" }, "Input_StartTime", "That time does not exist in the UK: the clocks go forward an hour that night. Choose a time after 02:00" },
        { "script link", new() { ["Input.StartDate"] = "2031-05-01", ["Input.StartTime"] = "18:00", ["Input.ExternalUrl"] = "javascript:alert(1)" }, "Input_ExternalUrl", "Enter the event page's full address, starting with https://, like https://www.example.ac.uk/events/open-meeting" },
        { "relative link", new() { ["Input.StartDate"] = "2031-05-01", ["Input.StartTime"] = "18:00", ["Input.ExternalUrl"] = "www.example.ac.uk" }, "Input_ExternalUrl", "Enter the event page's full address, starting with https://, like https://www.example.ac.uk/events/open-meeting" },
    };

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public async Task Event_WithInvalidDetails_Returns400WithAClearError(string because, Dictionary<string, string?> eventFields, string field, string message)
    {
        var client = await AdminAsync();
        var values = Item(Unique("Invalid event"));
        foreach (var (key, value) in eventFields)
        {
            values[key] = value;
        }

        using var response = await client.PressAsync(await client.GetHtmlAsync("/admin/news/new"), "Save as draft", values);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        var document = await response.ReadHtmlAsync();
        Assert.Contains(("#" + field, message), document.QuerySelectorAll(".error-summary a").Select(a => (a.GetAttribute("href") ?? "", a.Text())));
        Assert.Equal(message, document.QuerySelector($"#{field}-error").Text().Replace("Error: ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Schedule_InThePast_OrIncomplete_Returns400()
    {
        var client = await AdminAsync();
        var id = await CreateAsync(client, Item(Unique("Badly scheduled")));

        using var past = await PressOnEditAsync(client, id, "Schedule", new Dictionary<string, string?> { ["Schedule.Date"] = "2020-01-01", ["Schedule.Time"] = "09:00" });
        using var incomplete = await PressOnEditAsync(client, id, "Schedule", new Dictionary<string, string?> { ["Schedule.Date"] = "2031-01-01", ["Schedule.Time"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("Choose a date and time in the future, or publish it now", (await past.ReadHtmlAsync()).QuerySelector(".error-summary a[href='#Schedule_Date']").Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        var document = await incomplete.ReadHtmlAsync();
        Assert.Contains("Enter the time to publish it", document.QuerySelector(".error-summary a[href='#Schedule_Time']").Text(), StringComparison.Ordinal);
        // The content form still shows the saved item.
        Assert.StartsWith("Badly scheduled", ((IHtmlInputElement)document.QuerySelector("#Input_Title")!).Value, StringComparison.Ordinal);
        Assert.False((await ItemAsync(id)).IsPublished);
    }

    [Fact]
    public async Task ScheduledItem_StaysOffTheSite_UntilItsTimeHasPassed()
    {
        var clock = new AdjustableClock();
        await using var site = new SiteFactory().WithServices(services => services.AddSingleton<TimeProvider>(clock));
        var admin = await site.CreateUserAsync(StaffRoles.Admin);
        var client = await site.SignedInClientAsync(admin);
        var page = await client.GetHtmlAsync("/admin/news/new");
        var values = Item("A scheduled announcement");
        values["Input.StartDate"] = LondonTime.DateValue(clock.GetUtcNow().AddDays(10));
        values["Input.StartTime"] = "18:00";
        using var created = await client.PressAsync(page, "Save as draft", values);
        var id = int.Parse(created.Headers.Location!.OriginalString["/admin/news/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var at = clock.GetUtcNow().AddHours(2);

        using var scheduled = await client.PressAsync(await client.GetHtmlAsync($"/admin/news/{id}"), "Schedule",
            new Dictionary<string, string?> { ["Schedule.Date"] = LondonTime.DateValue(at), ["Schedule.Time"] = LondonTime.TimeValue(at) });

        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var edit = await client.GetHtmlAsync($"/admin/news/{id}");
        Assert.Equal("scheduled", edit.QuerySelector("[data-news-status]")!.GetAttribute("data-news-status"));
        Assert.Contains("will be published on", edit.QuerySelector("[role=status]").Text(), StringComparison.Ordinal);
        var visitor = site.CreateBrowserLikeClient();
        Assert.Equal((HttpStatusCode.NotFound, false, false, false, false), await PublicViewAsync(visitor, "a-scheduled-announcement"));
        using (var calendar = await visitor.GetAsync("/news/a-scheduled-announcement.ics"))
        {
            Assert.Equal(HttpStatusCode.NotFound, calendar.StatusCode);
        }

        Assert.DoesNotContain("a-scheduled-announcement", (await visitor.GetHtmlAsync("/news")).QuerySelector("section.upcoming")!.InnerHtml, StringComparison.Ordinal);
        var entry = (await site.AuditFor(id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Last();
        Assert.Equal(AuditActions.NewsScheduled, entry.Action);
        Assert.Contains(LondonTime.Describe(LondonTime.Combine(LondonTime.DateValue(at), LondonTime.TimeValue(at))!.Value), entry.Details, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromHours(3));

        Assert.Equal((HttpStatusCode.OK, true, true, true, true), await PublicViewAsync(visitor, "a-scheduled-announcement"));
        using (var calendar = await visitor.GetAsync("/news/a-scheduled-announcement.ics"))
        {
            Assert.Equal(HttpStatusCode.OK, calendar.StatusCode);
        }

        Assert.Contains("a-scheduled-announcement", (await visitor.GetHtmlAsync("/news")).QuerySelector("section.upcoming")!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_WithScriptAndScriptLinks_NeverReachesThePublicPage()
    {
        var client = await AdminAsync();
        var values = Item(Unique("Hostile body"), body: "Hello <script>alert('x')</script>\n\n[click me](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n[fine](https://www.example.ac.uk)");
        values["Input.StartDate"] = "2031-05-01";
        values["Input.StartTime"] = "18:00";

        var id = await CreateAsync(client, values, "Save and publish now");

        var slug = (await ItemAsync(id)).Slug;
        var visitor = factory.CreateBrowserLikeClient();
        using var preview = await client.PressAsync(await client.GetHtmlAsync($"/admin/news/{id}"), "Preview");
        foreach (var document in new[] { await visitor.GetHtmlAsync($"/news/{slug}"), await preview.ReadHtmlAsync() })
        {
            var body = document.QuerySelector(".article-body")!;
            Assert.Empty(body.QuerySelectorAll("script, img"));
            Assert.Empty(document.QuerySelectorAll("script:not([src])"));
            Assert.Empty(document.QuerySelectorAll("[onerror]"));
            Assert.DoesNotContain(document.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
            Assert.Equal("https://www.example.ac.uk", body.QuerySelector("a[href]")?.GetAttribute("href"));
        }

        var feed = await visitor.GetStringAsync("/news/feed.xml");
        Assert.DoesNotContain("javascript:", feed, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LongBody_WithinTheLimit_IsSaved()
    {
        var client = await AdminAsync();
        // Mostly characters that URL-encoding triples ("%0A", "%2C"), well past the site's default 16 KB per value.
        var paragraph = "Line, with commas, and “quotes”; ok?\n\n";
        var body = string.Concat(Enumerable.Repeat(paragraph, 19_000 / paragraph.Length));

        var id = await CreateAsync(client, Item(Unique("Long read"), body: body));

        Assert.Equal(body.Trim(), (await ItemAsync(id)).Body);
    }

    [Fact]
    public async Task AuditLog_NamesEachNewsActionInWords_AndCanFilterByIt()
    {
        var client = await AdminAsync();
        var title = Unique("Audited");
        var id = await CreateAsync(client, Item(title), "Save and publish now");

        var log = await client.GetHtmlAsync("/admin/audit?what=news.published");

        var row = log.QuerySelectorAll("tr[data-audit-entry]").First(r => r.Text().Contains(title, StringComparison.Ordinal));
        Assert.Equal("Published a news item", row.QuerySelector("[data-action]").Text());
        Assert.Contains($"NewsItem {id}", row.Text(), StringComparison.Ordinal);
        Assert.All(log.QuerySelectorAll("[data-action]"), cell => Assert.Equal("news.published", cell.GetAttribute("data-action")));
    }

    [Fact]
    public async Task AdminHome_LinksToTheContentPages_ForAdminsOnly()
    {
        var admin = await AdminAsync();
        var moderator = await factory.SignedInClientAsync(await factory.CreateUserAsync(StaffRoles.Moderator));

        var adminHome = await admin.GetHtmlAsync("/admin");
        var moderatorHome = await moderator.GetHtmlAsync("/admin");

        foreach (var path in new[] { "/admin/news", "/admin/myths", "/admin/settings" })
        {
            Assert.NotNull(adminHome.QuerySelector($"main a[href='{path}']"));
            Assert.Null(moderatorHome.QuerySelector($"main a[href='{path}']"));
        }
    }

    [Fact]
    public async Task Moderator_CannotUseAnyNewsAction()
    {
        var admin = await AdminAsync();
        var id = await CreateAsync(admin, Item(Unique("Not for moderators")));
        var moderator = await factory.SignedInClientAsync(await factory.CreateUserAsync(StaffRoles.Moderator));

        foreach (var handler in new[] { "Publish", "Schedule", "Unpublish", "Preview", "SaveAndPublish" })
        {
            using var response = await moderator.PostAsync($"/admin/news/{id}?handler={handler}", new FormUrlEncodedContent([]));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.False((await ItemAsync(id)).IsPublished);
    }
}
