using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.News;

/// <summary>What the news form holds: the item's words, its address and, for an event, when and where.</summary>
public class NewsItemInput
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 500;

    /// <summary>
    /// Well below the column's limit, and what fits in one form post (see <see cref="ContentForms"/>):
    /// about 3,000 words, far more than a news post needs.
    /// </summary>
    public const int BodyMaxLength = 20_000;

    public string Title { get; set; } = "";

    /// <summary>Empty: made from the title.</summary>
    public string? Slug { get; set; }

    public string Summary { get; set; } = "";

    public string Body { get; set; } = "";

    public string? StartDate { get; set; }

    public string? StartTime { get; set; }

    public string? EndDate { get; set; }

    public string? EndTime { get; set; }

    public string? Location { get; set; }

    public string? ExternalUrl { get; set; }

    /// <summary>True when any event detail is filled in.</summary>
    public bool DescribesEvent =>
        new[] { StartDate, StartTime, EndDate, EndTime, Location, ExternalUrl }.Any(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>When the event starts, once the input is valid; null for plain news.</summary>
    public DateTimeOffset? StartsAt => string.IsNullOrWhiteSpace(StartDate) ? null : LondonTime.Combine(StartDate, StartTime);

    /// <summary>When the event ends; the end date defaults to the start date.</summary>
    public DateTimeOffset? EndsAt =>
        string.IsNullOrWhiteSpace(EndTime) ? null : LondonTime.Combine(string.IsNullOrWhiteSpace(EndDate) ? StartDate : EndDate, EndTime);

    public static NewsItemInput From(NewsItem item) => new()
    {
        Title = item.Title,
        Slug = item.Slug,
        Summary = item.Summary,
        Body = item.Body,
        StartDate = item.StartsAt is { } s ? LondonTime.DateValue(s) : null,
        StartTime = item.StartsAt is { } st ? LondonTime.TimeValue(st) : null,
        EndDate = item.EndsAt is { } e ? LondonTime.DateValue(e) : null,
        EndTime = item.EndsAt is { } et ? LondonTime.TimeValue(et) : null,
        Location = item.Location,
        ExternalUrl = item.ExternalUrl,
    };

    /// <summary>
    /// What the editor saves and the preview shows. Fields left empty arrive as null (model binding's rule
    /// for strings), even where the type says otherwise; the draft has them empty.
    /// </summary>
    public NewsItemDraft ToDraft() =>
        new(Title ?? "", Slug, Summary ?? "", Body ?? "", StartsAt, StartsAt is null ? null : EndsAt, Location, ExternalUrl);
}
