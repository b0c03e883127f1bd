using ItStopsHere.Tests.Infrastructure;
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
