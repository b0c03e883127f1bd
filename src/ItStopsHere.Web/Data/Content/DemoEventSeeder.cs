using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Data.Content;

/// <summary>
/// Development only: one clearly fictional upcoming event, so that "Upcoming events", the event page and
/// its calendar download can be seen (the campaign's real events are all in the past).
/// </summary>
public sealed class DemoEventSeeder(TimeProvider time) : IStartupSeeder
{
    public const string MarkerKey = "demo-upcoming-event";

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (await db.SeedMarkers.AnyAsync(m => m.Key == MarkerKey, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        var day = UkFormat.ToLondon(now).Date.AddDays(14);
        db.NewsItems.Add(new NewsItem
        {
            Slug = "example-event-demo-data",
            Title = "Example event: an open meeting (demo data)",
            Summary = "A fictional event, added because the site is running in Development.",
            Body = "This event is **fictional demo content**. It shows how an upcoming event looks: its date, time and " +
                   "place, and a calendar file to download.",
            PublishedAt = now,
            IsPublished = true,
            StartsAt = CampaignContentSeeder.InLondon(day.Year, day.Month, day.Day, 18),
            EndsAt = CampaignContentSeeder.InLondon(day.Year, day.Month, day.Day, 19, 30),
            Location = "Example Room, Example Campus",
        });
        db.SeedMarkers.Add(new SeedMarker { Key = MarkerKey, SeededAt = now });
        await db.SaveChangesAsync(cancellationToken);
    }
}
