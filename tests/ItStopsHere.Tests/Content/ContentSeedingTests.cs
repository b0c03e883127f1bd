using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Content;

public class ContentSeedingTests
{
    [Fact]
    public async Task FirstRun_AddsTheMythsAndTheOriginalNews()
    {
        await using var site = new SiteFactory();

        var (myths, news) = await Counts(site);

        Assert.Equal(6, myths);
        Assert.Equal(4, news);
        var events = await site.WithDbAsync(db => db.NewsItems.Where(n => n.StartsAt != null).OrderBy(n => n.StartsAt).Select(n => n.Slug).ToListAsync());
        Assert.Equal(["survivors-of-sexual-assault-panel-discussion", "the-hunting-ground-screening-and-q-and-a"], events);
    }

    [Fact]
    public async Task SeedingAgain_AddsNothing_AndDoesNotBringBackWhatTheTeamDeleted()
    {
        await using var site = new SiteFactory();
        await site.WithDbAsync(async db =>
        {
            db.Myths.Remove(await db.Myths.OrderBy(m => m.SortOrder).FirstAsync());
            db.NewsItems.Remove(await db.NewsItems.SingleAsync(n => n.Slug == "take-our-student-survey"));
            return await db.SaveChangesAsync();
        });

        await RunSeedersAsync(site);
        await RunSeedersAsync(site);

        var (myths, news) = await Counts(site);
        Assert.Equal(5, myths);
        Assert.Equal(3, news);
    }

    [Fact]
    public async Task Testing_Environment_HasNoDemoEvent()
    {
        await using var site = new SiteFactory();

        var demo = await site.WithDbAsync(db => db.NewsItems.AnyAsync(n => n.Slug == "example-event-demo-data"));

        Assert.False(demo);
    }

    [Fact]
    public async Task DemoContent_IsRecentNewsAndUpcomingEvents_AroundTheSeedingDay_Once()
    {
        await using var site = new SiteFactory();
        var seeder = new DemoContentSeeder(TimeProvider.System);
        var now = DateTimeOffset.UtcNow;

        await site.WithDbAsync(async db => { await seeder.SeedAsync(db, CancellationToken.None); return 0; });
        await site.WithDbAsync(async db => { await seeder.SeedAsync(db, CancellationToken.None); return 0; });

        var demo = await site.WithDbAsync(db => db.NewsItems.AsNoTracking().Where(n => n.Title.EndsWith("(demo data)")).ToListAsync());
        Assert.Equal(5, demo.Count);
        Assert.All(demo, item =>
        {
            Assert.Contains("fictional demo content", item.Body, StringComparison.Ordinal);
            Assert.True(item.IsLive(now), $"{item.Slug} should be published already.");
            Assert.InRange(item.PublishedAt, now.AddDays(-14), now);
        });
        var events = demo.Where(n => n.IsEvent).ToList();
        Assert.Equal(3, events.Count);
        Assert.All(events, e =>
        {
            Assert.InRange(e.StartsAt!.Value, now, now.AddDays(21));
            Assert.True(e.EndsAt > e.StartsAt);
            Assert.False(string.IsNullOrEmpty(e.Location));
        });
        // The campaign's own items stay, as its history.
        Assert.Equal(4, await site.WithDbAsync(db => db.NewsItems.CountAsync(n => n.PublishedAt < new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero))));
    }

    [Fact]
    public async Task DemoContent_FillsTheHomePagesLatestNews_AndTheUpcomingEvents()
    {
        await using var site = new SiteFactory();
        await site.WithDbAsync(async db => { await new DemoContentSeeder(TimeProvider.System).SeedAsync(db, CancellationToken.None); return 0; });
        var client = site.CreateBrowserLikeClient();

        var home = await client.GetHtmlAsync("/");
        var news = await client.GetHtmlAsync("/news");

        // The home page's links to news items are its "Latest news": newest first, so all demo items.
        var latest = home.QuerySelectorAll("main a[href^='/news/']").Select(a => a.GetAttribute("href")!)
            .Where(href => !href.EndsWith(".xml", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Equal(IndexModelLatest, latest.Count);
        Assert.All(latest, href => Assert.EndsWith("-demo", href.Replace("-demo-data", "-demo", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.Contains("Workshop: being an active bystander (demo data)", news.Body!.TextContent, StringComparison.Ordinal);
    }

    private const int IndexModelLatest = ItStopsHere.Web.Pages.IndexModel.LatestNewsCount;

    [Fact]
    public async Task DemoContent_SkipsAnAddressAlreadyTaken()
    {
        // A database seeded before the demo content grew already has the first demo event.
        await using var site = new SiteFactory();
        await site.WithDbAsync(async db =>
        {
            db.NewsItems.Add(new NewsItem { Slug = "example-event-demo-data", Title = "Kept", Summary = "s", Body = "b", PublishedAt = DateTimeOffset.UtcNow.AddDays(-30), IsPublished = true });
            return await db.SaveChangesAsync();
        });

        await site.WithDbAsync(async db => { await new DemoContentSeeder(TimeProvider.System).SeedAsync(db, CancellationToken.None); return 0; });

        Assert.Equal("Kept", await site.WithDbAsync(db => db.NewsItems.Where(n => n.Slug == "example-event-demo-data").Select(n => n.Title).SingleAsync()));
        Assert.Equal(4, await site.WithDbAsync(db => db.NewsItems.CountAsync(n => n.Title.EndsWith("(demo data)"))));
    }

    [Fact]
    public void SeededEventTimes_AreLondonTimeStoredAsUtc()
    {
        // 6 October 2015 was in British Summer Time (UTC+1); 1 December is in GMT.
        Assert.Equal(new DateTimeOffset(2015, 10, 6, 17, 0, 0, TimeSpan.Zero), CampaignContentSeeder.InLondon(2015, 10, 6, 18));
        Assert.Equal(new DateTimeOffset(2015, 12, 1, 18, 0, 0, TimeSpan.Zero), CampaignContentSeeder.InLondon(2015, 12, 1, 18));
    }

    private static async Task RunSeedersAsync(SiteFactory site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var seeder in scope.ServiceProvider.GetServices<IStartupSeeder>())
        {
            await seeder.SeedAsync(db, CancellationToken.None);
        }
    }

    private static Task<(int Myths, int News)> Counts(SiteFactory site) =>
        site.WithDbAsync(async db => (await db.Myths.CountAsync(), await db.NewsItems.CountAsync()));
}
