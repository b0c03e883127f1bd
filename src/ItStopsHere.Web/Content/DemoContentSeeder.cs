using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>
/// Development only: a few clearly fictional upcoming events and recent news, dated around the day the
/// database is first seeded, so someone trying the site sees a living campaign ("Latest news" on the home
/// page, "Upcoming events", event pages and their calendar files). The campaign's real items from
/// 2015–2016 stay as its history. Every title ends "(demo data)" and every body says it is fictional.
/// Runs once per database (a <see cref="SeedMarker"/>); an item whose address is already taken is skipped.
/// </summary>
public sealed class DemoContentSeeder(TimeProvider time) : IStartupSeeder
{
    public const string MarkerKey = "demo-content";

    private const string Fictional = "\n\n*This is fictional demo content, added because the site is running in Development.*";

    /// <summary>An item relative to the seeding day: posted <paramref name="PostedDaysAgo"/> days before it; an event starts <paramref name="StartsInDays"/> days after it.</summary>
    private sealed record Demo(
        string Slug, string Title, string Summary, string Body, int PostedDaysAgo,
        int? StartsInDays = null, (int Hour, int Minute)? Starts = null, (int Hour, int Minute)? Ends = null, string? Location = null);

    private static readonly Demo[] Items =
    [
        new("example-event-demo-data",
            "Example event: an open meeting (demo data)",
            "Come and plan the next stage of the campaign with us: a fictional event.",
            "An open meeting for anyone who wants to help: what we have done this term, what comes next, and how " +
            "your society or team can take part. Tea and biscuits provided.",
            PostedDaysAgo: 2, StartsInDays: 14, Starts: (18, 0), Ends: (19, 30), Location: "Example Room, Example Campus"),
        new("pledge-stall-at-the-example-fair-demo",
            "Pledge stall at the Example Students' Fair (demo data)",
            "Find us at the fair, talk to the team and sign the pledge on paper or on your phone.",
            "The campaign team will have a stall all day. Stop by to ask questions, pick up a bystander tips card, or " +
            "sign the pledge. Signatures collected on paper are added to the total online.",
            PostedDaysAgo: 1, StartsInDays: 5, Starts: (11, 0), Ends: (15, 0), Location: "Main Hall, Example Students' Union"),
        new("bystander-workshop-demo",
            "Workshop: being an active bystander (demo data)",
            "A practical hour on the 5 Ds: how to step in safely when you see harassment.",
            "A practical, friendly session on the 5 Ds of bystander intervention (distract, delegate, document, delay " +
            "and direct), with everyday scenarios to talk through in small groups. No experience needed. " +
            "Read the [bystander tips](/take-action/bystander-tips) before you come, if you like.",
            PostedDaysAgo: 6, StartsInDays: 9, Starts: (17, 0), Ends: (18, 0), Location: "Seminar Room 2, Example Building"),
        new("societies-and-teams-can-sign-together-demo",
            "Societies and teams can sign together (demo data)",
            "A society, a sports team or a department can now sign the pledge as one.",
            "Signing as a group shows everyone in it where you stand. On the [pledge](/pledge) form, under \"I am signing " +
            "as\", choose \"A team\", \"A society\" or \"A department\" and give the group's name; one person signs for the group.",
            PostedDaysAgo: 4),
        new("thank-you-to-our-volunteers-demo",
            "Thank you to this term's volunteers (demo data)",
            "The stalls, posters and conversations this term were run by volunteers. Thank you.",
            "Every stall, poster and conversation this term was run by volunteers from across the university. If you " +
            "would like to help next term, come to the open meeting or [contact us](/contact).",
            PostedDaysAgo: 11),
    ];

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (await db.SeedMarkers.AnyAsync(m => m.Key == MarkerKey, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        var today = UkFormat.ToLondon(now).Date;
        var slugs = Items.Select(i => i.Slug).ToList();
        var taken = await db.NewsItems.Where(n => slugs.Contains(n.Slug)).Select(n => n.Slug).ToListAsync(cancellationToken);
        foreach (var item in Items.Where(i => !taken.Contains(i.Slug)))
        {
            var posted = today.AddDays(-item.PostedDaysAgo);
            var news = new NewsItem
            {
                Slug = item.Slug,
                Title = item.Title,
                Summary = item.Summary,
                Body = item.Body + Fictional,
                PublishedAt = CampaignContentSeeder.InLondon(posted.Year, posted.Month, posted.Day, 10),
                IsPublished = true,
                Location = item.Location,
            };
            if (item is { StartsInDays: { } inDays, Starts: { } starts })
            {
                var day = today.AddDays(inDays);
                news.StartsAt = CampaignContentSeeder.InLondon(day.Year, day.Month, day.Day, starts.Hour, starts.Minute);
                news.EndsAt = item.Ends is { } ends ? CampaignContentSeeder.InLondon(day.Year, day.Month, day.Day, ends.Hour, ends.Minute) : null;
            }

            db.NewsItems.Add(news);
        }

        db.SeedMarkers.Add(new SeedMarker { Key = MarkerKey, SeededAt = now });
        await db.SaveChangesAsync(cancellationToken);
    }
}
