using ItStopsHere.BrowserTests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public class ContentBrowserTests(BrowserFixture fixture)
{
    private const string UpcomingSlug = "browser-test-upcoming-event";

    /// <summary>Pages outside the navigation (the foundation's tests cover those): section pages and news items.</summary>
    public static TheoryData<string, int> PagesAndWidths()
    {
        var data = new TheoryData<string, int>();
        var paths = SiteNavigation.InSections.Select(i => i.Path)
            .Append("/news/the-hunting-ground-screening-and-q-and-a")
            .Append("/news/take-our-student-survey")
            .Append($"/news/{UpcomingSlug}")
            .Append("/news");
        foreach (var path in paths)
        {
            data.Add(path, BrowserFixture.Phone.Width);
            data.Add(path, BrowserFixture.Desktop.Width);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAndWidths))]
    public async Task Page_HasNoAxeViolations(string path, int width)
    {
        await EnsureUpcomingEventAsync();
        var page = await fixture.NewPageAsync((width, 900));
        await page.GotoAsync(fixture.Site.Url(path));

        await Axe.AssertNoViolationsAsync(page, $"at {width} px");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Myths_WithEveryDisclosureOpen_HaveNoAxeViolations(int width)
    {
        var page = await fixture.NewPageAsync((width, 900));
        await page.GotoAsync(fixture.Site.Url("/myths"));

        foreach (var summary in await page.Locator("details.myth > summary").AllAsync())
        {
            await summary.ClickAsync();
        }

        Assert.Equal(6, await page.Locator("details.myth[open]").CountAsync());
        await Axe.AssertNoViolationsAsync(page, $"with the answers open at {width} px");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Myths_Keyboard_TabReachesEachMythAndEnterAndSpaceOpenAndCloseIt()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url("/myths"));
        var first = page.Locator("details.myth").First;
        var answer = first.Locator(".myth__answer");
        Assert.False(await answer.IsVisibleAsync());

        // Tab from the top of the page until the first myth has focus, as a keyboard user would.
        var reached = false;
        for (var i = 0; i < 40 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>("() => document.activeElement === document.querySelector('details.myth > summary')");
        }

        Assert.True(reached, "The first myth cannot be reached with the Tab key.");

        await page.Keyboard.PressAsync("Enter");
        Assert.True(await first.EvaluateAsync<bool>("d => d.open"));
        Assert.True(await answer.IsVisibleAsync());
        Assert.StartsWith("Fact:", (await answer.InnerTextAsync()).Trim(), StringComparison.Ordinal);

        await page.Keyboard.PressAsync("Enter");
        Assert.False(await first.EvaluateAsync<bool>("d => d.open"));
        Assert.False(await answer.IsVisibleAsync());

        await page.Keyboard.PressAsync("Space");
        Assert.True(await first.EvaluateAsync<bool>("d => d.open"));

        await page.Keyboard.PressAsync("Tab");
        var second = await page.EvaluateAsync<bool>("() => document.activeElement === document.querySelectorAll('details.myth > summary')[1]");
        Assert.True(second, "Tab should move from one myth to the next (past the open answer, which has no links).");
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.Locator("details.myth").Nth(1).EvaluateAsync<bool>("d => d.open"));

        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Space");
        Assert.False(await first.EvaluateAsync<bool>("d => d.open"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Myths_WithoutJavaScript_StillOpen()
    {
        var page = await fixture.NewPageAsync(javaScript: false);
        await page.GotoAsync(fixture.Site.Url("/myths"));

        await page.GetByText("Rape only occurs between strangers").ClickAsync();

        Assert.True(await page.GetByText("Most rapes are committed by someone the victim knows", new() { Exact = false }).IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task NewsItem_UpcomingEvent_OffersACalendarDownload()
    {
        await EnsureUpcomingEventAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Site.Url($"/news/{UpcomingSlug}"));

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Add to your calendar" }).ClickAsync());

        Assert.Equal($"{UpcomingSlug}.ics", download.SuggestedFilename);
        var path = await download.PathAsync();
        Assert.StartsWith("BEGIN:VCALENDAR", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/impact")]
    [InlineData("/supporters")]
    [InlineData("/news")]
    [InlineData("/take-action/bystander-tips")]
    public async Task ContentPage_At320Pixels_HasNoHorizontalScroll(string path)
    {
        var page = await fixture.NewPageAsync((320, 640));
        await page.GotoAsync(fixture.Site.Url(path));

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");

        Assert.False(overflow, $"{path} scrolls sideways at 320 px.");
        await page.Context.CloseAsync();
    }

    /// <summary>An event that has not happened yet, so the upcoming-event layout is checked too.</summary>
    private async Task EnsureUpcomingEventAsync()
    {
        await using var scope = fixture.Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db.NewsItems.Any(n => n.Slug == UpcomingSlug))
        {
            return;
        }

        var starts = DateTimeOffset.UtcNow.AddDays(30);
        db.NewsItems.Add(new NewsItem
        {
            Slug = UpcomingSlug,
            Title = "A fictional upcoming event for browser tests",
            Summary = "A fictional event.",
            Body = "## What to expect\n\nA fictional event with a [link to help](/help).",
            PublishedAt = DateTimeOffset.UtcNow,
            IsPublished = true,
            StartsAt = starts,
            EndsAt = starts.AddHours(2),
            Location = "Test Room, Test Campus",
            ExternalUrl = "https://events.example.org/fictional",
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Another test in the collection added it first.
        }
    }
}
