using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Content;

/// <summary>News in other formats: an Atom feed for feed readers, and an iCalendar file for each event.</summary>
public static class NewsEndpoints
{
    public const string FeedPath = "/news/feed.xml";

    public const int FeedSize = 20;

    public static string CalendarPath(string slug) => $"/news/{slug}.ics";

    public static IEndpointRouteBuilder MapNewsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(FeedPath, FeedAsync).CompressPublicResponse();
        endpoints.MapGet("/news/{slug}.ics", CalendarAsync).CompressPublicResponse();
        return endpoints;
    }

    private static async Task<IResult> FeedAsync(
        AppDbContext db, IOptions<CampaignOptions> options, MarkdownRenderer markdown, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken)
    {
        var campaign = options.Value;
        var site = campaign.SiteUrl.TrimEnd('/');
        var items = await db.NewsItems.Published(time.GetUtcNow()).NewestFirst().Take(FeedSize).ToListAsync(cancellationToken);

        var feed = new SyndicationFeed(
            $"{campaign.Name}: news and events",
            campaign.Strapline,
            new Uri(site + "/news"),
            site + FeedPath,
            items.Count > 0 ? items.Max(i => i.PublishedAt) : time.GetUtcNow())
        {
            BaseUri = new Uri(site + "/"),
            Language = "en-GB",
        };
        feed.Links.Add(new SyndicationLink(new Uri(site + FeedPath), "self", feed.Title.Text, "application/atom+xml", 0));
        feed.Authors.Add(new SyndicationPerson { Name = campaign.Name });
        feed.Items = items.Select(item =>
        {
            var url = $"{site}/news/{item.Slug}";
            var entry = new SyndicationItem(
                item.Title,
                SyndicationContent.CreateHtmlContent(EventLine(item) + markdown.Render(item.Body, topHeadingLevel: 2).Value),
                new Uri(url),
                url,
                item.PublishedAt)
            {
                PublishDate = item.PublishedAt,
                Summary = new TextSyndicationContent(item.Summary),
            };
            return entry;
        }).ToList();

        var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        context.Response.Headers.CacheControl = "public, max-age=900";
        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    /// <summary>When and where an event is, as a paragraph above its body in feed readers.</summary>
    private static string EventLine(NewsItem item)
    {
        if (item.StartsAt is not { } starts)
        {
            return "";
        }

        var when = System.Net.WebUtility.HtmlEncode(EventTimes.Describe(starts, item.EndsAt));
        var where = string.IsNullOrWhiteSpace(item.Location) ? "" : $" at {System.Net.WebUtility.HtmlEncode(item.Location)}";
        return $"<p><strong>Event:</strong> {when}{where}.</p>";
    }

    private static async Task<IResult> CalendarAsync(
        string slug, AppDbContext db, IOptions<CampaignOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var item = await db.NewsItems.Published(time.GetUtcNow())
            .SingleOrDefaultAsync(n => n.Slug == slug && n.StartsAt != null, cancellationToken);
        if (item?.StartsAt is not { } starts)
        {
            return Results.NotFound();
        }

        var campaign = options.Value;
        var site = campaign.SiteUrl.TrimEnd('/');
        var url = $"{site}/news/{item.Slug}";
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{item.Slug}@{new Uri(site).Host}",
            Summary = item.Title,
            Description = $"{item.Summary}\n\n{url}",
            Location = item.Location,
            DtStart = new CalDateTime(starts.UtcDateTime, true),
            DtEnd = item.EndsAt is { } ends ? new CalDateTime(ends.UtcDateTime, true) : null,
            DtStamp = new CalDateTime(time.GetUtcNow().UtcDateTime, true),
            Url = new Uri(url),
        };
        var calendar = new Ical.Net.Calendar { ProductId = $"-//{campaign.Name}//News and events//EN", Method = "PUBLISH" };
        calendar.Events.Add(calendarEvent);

        var text = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return Results.File(Encoding.UTF8.GetBytes(text), "text/calendar; charset=utf-8", $"{item.Slug}.ics");
    }
}
