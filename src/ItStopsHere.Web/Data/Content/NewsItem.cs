using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data.Content;

/// <summary>
/// A news post, which may also be an event (when <see cref="StartsAt"/> is set). Its address is
/// <c>/news/{Slug}</c>; its body is Markdown, rendered and sanitised by <c>MarkdownRenderer</c>.
/// </summary>
public class NewsItem
{
    public int Id { get; set; }

    /// <summary>The last part of the item's address: lower-case letters, digits and hyphens. Unique.</summary>
    public string Slug { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>One or two plain sentences for lists, feeds and share cards.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The full text, in Markdown.</summary>
    public string Body { get; set; } = "";

    /// <summary>When the item was, or is to be, published: the "Posted" date. London time in forms, UTC here.</summary>
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>
    /// Set when an Admin publishes the item, now or at a time to come (<see cref="PublishedAt"/>). An item
    /// appears on the site, in the feed and in the sitemap only once it is published and that time has come.
    /// </summary>
    public bool IsPublished { get; set; }

    public DateTimeOffset? StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    public string? Location { get; set; }

    /// <summary>A page elsewhere about the event, such as a booking page.</summary>
    public string? ExternalUrl { get; set; }

    public bool IsEvent => StartsAt is not null;

    /// <summary>When the event is over: its end, or its start when no end is given.</summary>
    public DateTimeOffset? EventOverAt => EndsAt ?? StartsAt;

    public bool HasPassed(DateTimeOffset now) => EventOverAt is { } over && over <= now;

    /// <summary>Visible on the public site: published, and its publication time has come.</summary>
    public bool IsLive(DateTimeOffset now) => IsPublished && PublishedAt <= now;

    /// <summary>Published for a time still to come: not yet visible.</summary>
    public bool IsScheduled(DateTimeOffset now) => IsPublished && PublishedAt > now;
}
