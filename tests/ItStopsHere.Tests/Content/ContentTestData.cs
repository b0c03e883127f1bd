using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data.Content;

namespace ItStopsHere.Tests.Content;

/// <summary>Builds news items for tests: published, dated from a fixed moment, with unique slugs.</summary>
public static class ContentTestData
{
    public static NewsItem News(string slug, DateTimeOffset? publishedAt = null, bool published = true) => new()
    {
        Slug = slug,
        Title = $"Test news {slug}",
        Summary = $"Summary of {slug}.",
        Body = $"Body of **{slug}**.",
        PublishedAt = publishedAt ?? new DateTimeOffset(2020, 1, 1, 12, 0, 0, TimeSpan.Zero),
        IsPublished = published,
    };

    public static NewsItem Event(string slug, DateTimeOffset startsAt, TimeSpan? length = null) => new()
    {
        Slug = slug,
        Title = $"Test event {slug}",
        Summary = $"Summary of {slug}.",
        Body = $"Body of {slug}.",
        PublishedAt = new DateTimeOffset(2020, 1, 1, 12, 0, 0, TimeSpan.Zero),
        IsPublished = true,
        StartsAt = startsAt,
        EndsAt = length is { } l ? startsAt + l : null,
        Location = "Test Room, Test Campus",
    };

    public static Task AddAsync(this SiteFactory factory, params NewsItem[] items) =>
        factory.WithDbAsync(async db =>
        {
            db.NewsItems.AddRange(items);
            return await db.SaveChangesAsync();
        });
}
