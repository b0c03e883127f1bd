using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

public static class NewsItemStatus
{
    public static NewsStatus Of(NewsItem item, DateTimeOffset now) =>
        item.IsLive(now) ? NewsStatus.Published : item.IsScheduled(now) ? NewsStatus.Scheduled : NewsStatus.Draft;

    /// <summary>"Draft", "Scheduled for Monday 27 April 2026 at 09:00", "Published on Monday 27 April 2026".</summary>
    public static string Describe(NewsItem item, DateTimeOffset now) => Of(item, now) switch
    {
        NewsStatus.Draft => "Draft: not on the site",
        NewsStatus.Scheduled => $"Scheduled for {LondonTime.Describe(item.PublishedAt)}",
        _ => $"Published on {UkFormat.LongDate(item.PublishedAt)}",
    };

    /// <summary>Which parts of the item changed, for the audit log ("changed title, text"); null if none did.</summary>
    public static string? Changes(NewsItem before, NewsItem after)
    {
        var changed = new List<string>();
        void Check(bool differs, string name)
        {
            if (differs)
            {
                changed.Add(name);
            }
        }

        Check(before.Title != after.Title, "title");
        Check(before.Slug != after.Slug, $"web address ({before.Slug} → {after.Slug})");
        Check(before.Summary != after.Summary, "summary");
        Check(before.Body != after.Body, "text");
        Check(before.StartsAt != after.StartsAt || before.EndsAt != after.EndsAt, "event times");
        Check(before.Location != after.Location, "place");
        Check(before.ExternalUrl != after.ExternalUrl, "event page link");
        return changed.Count == 0 ? null : "changed " + string.Join(", ", changed);
    }

    public static NewsItem Copy(NewsItem item) => new()
    {
        Id = item.Id,
        Slug = item.Slug,
        Title = item.Title,
        Summary = item.Summary,
        Body = item.Body,
        PublishedAt = item.PublishedAt,
        IsPublished = item.IsPublished,
        StartsAt = item.StartsAt,
        EndsAt = item.EndsAt,
        Location = item.Location,
        ExternalUrl = item.ExternalUrl,
    };
}
