using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data.Content;

/// <summary>The queries every news page, the feed and the sitemap share, so they agree on what is public.</summary>
public static class NewsQueries
{
    /// <summary>
    /// What the public may see at <paramref name="now"/>: published items whose publication time has come.
    /// A scheduled item stays out of every page, the feed, the calendar files and the sitemap until then.
    /// </summary>
    public static IQueryable<NewsItem> Published(this IQueryable<NewsItem> items, DateTimeOffset now) =>
        items.Where(n => n.IsPublished && n.PublishedAt <= now);

    public static IQueryable<NewsItem> NewestFirst(this IQueryable<NewsItem> items) =>
        items.OrderByDescending(n => n.PublishedAt).ThenByDescending(n => n.Id);

    /// <summary>Published events that have not yet ended, soonest first.</summary>
    public static IQueryable<NewsItem> UpcomingEvents(this IQueryable<NewsItem> items, DateTimeOffset now) =>
        items.Published(now)
            .Where(n => n.StartsAt != null && (n.EndsAt ?? n.StartsAt) > now)
            .OrderBy(n => n.StartsAt).ThenBy(n => n.Id);
}
