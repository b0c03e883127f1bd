using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
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

    /// <summary>Copies the (validated) input onto <paramref name="item"/>, with the address it is to have.</summary>
    public void ApplyTo(NewsItem item, string slug)
    {
        item.Title = Title.Trim();
        item.Slug = slug;
        item.Summary = Summary.Trim();
        item.Body = Body.Trim();
        item.StartsAt = StartsAt;
        item.EndsAt = item.StartsAt is null ? null : EndsAt;
        item.Location = Blank(Location);
        item.ExternalUrl = Blank(ExternalUrl);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public class NewsItemInputValidator : AbstractValidator<NewsItemInput>
{
    public NewsItemInputValidator()
    {
        RuleFor(i => i.Title)
            .NotEmpty().WithMessage("Enter a title")
            .MaximumLength(NewsItemInput.TitleMaxLength).WithMessage($"The title must be {NewsItemInput.TitleMaxLength} characters or fewer");
        RuleFor(i => i.Slug)
            .Cascade(CascadeMode.Stop)
            .Must(slug => slug!.Trim().Length <= NewsSlugs.MaxLength).WithMessage($"The web address must be {NewsSlugs.MaxLength} characters or fewer")
            .Must(slug => NewsSlugs.IsWellFormed(slug!.Trim())).WithMessage("The web address can only use lower-case letters, numbers and single hyphens between words, like thank-you-for-visiting")
            .When(i => !string.IsNullOrWhiteSpace(i.Slug));
        RuleFor(i => i.Summary)
            .NotEmpty().WithMessage("Enter a summary: one or two sentences for lists, the feed and links shared on social media")
            .MaximumLength(NewsItemInput.SummaryMaxLength).WithMessage($"The summary must be {NewsItemInput.SummaryMaxLength} characters or fewer");
        RuleFor(i => i.Body)
            .NotEmpty().WithMessage("Enter the text of the item")
            .MaximumLength(NewsItemInput.BodyMaxLength).WithMessage($"The text must be {NewsItemInput.BodyMaxLength:N0} characters or fewer");
        RuleFor(i => i.Location)
            .MaximumLength(300).WithMessage("The place must be 300 characters or fewer");
        RuleFor(i => i.ExternalUrl)
            .MaximumLength(2000).WithMessage("The event page's address must be 2,000 characters or fewer")
            .Must(WebAddress.IsHttp).WithMessage("Enter the event page's full address, starting with https://, like https://www.example.ac.uk/events/open-meeting")
            .When(i => !string.IsNullOrWhiteSpace(i.ExternalUrl));
        RuleFor(i => i).Custom(ValidateEventTimes);
    }

    /// <summary>An event needs a start date and time; its end, if given, must come after the start.</summary>
    private static void ValidateEventTimes(NewsItemInput input, ValidationContext<NewsItemInput> context)
    {
        if (!input.DescribesEvent)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(input.StartDate))
        {
            context.AddFailure(nameof(input.StartDate), "Enter the date the event starts, or leave all the event details empty if this is not an event");
            return;
        }

        var start = Moment(context, input.StartDate, input.StartTime, nameof(input.StartDate), nameof(input.StartTime), "starts");
        var hasEnd = !string.IsNullOrWhiteSpace(input.EndDate) || !string.IsNullOrWhiteSpace(input.EndTime);
        if (!hasEnd)
        {
            return;
        }

        var endDate = string.IsNullOrWhiteSpace(input.EndDate) ? input.StartDate : input.EndDate;
        var end = Moment(context, endDate, input.EndTime, nameof(input.EndDate), nameof(input.EndTime), "ends");
        if (start is not null && end is not null && end <= start)
        {
            var field = string.IsNullOrWhiteSpace(input.EndDate) || LondonTime.TryParseDate(input.EndDate, out var d) && LondonTime.TryParseDate(input.StartDate, out var s) && d == s
                ? nameof(input.EndTime)
                : nameof(input.EndDate);
            context.AddFailure(field, "The event must end after it starts");
        }
    }

    private static DateTimeOffset? Moment(
        ValidationContext<NewsItemInput> context, string? date, string? time, string dateField, string timeField, string verb)
    {
        var ok = true;
        if (!LondonTime.TryParseDate(date, out var day))
        {
            context.AddFailure(dateField, $"Enter the date the event {verb} as a real date, like 27/04/2026");
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(time))
        {
            context.AddFailure(timeField, verb == "starts"
                ? "Enter the time the event starts, like 18:00"
                : "Enter the time the event ends, like 21:00, or leave the end date and time empty");
            return null;
        }

        if (!LondonTime.TryParseTime(time, out var clock))
        {
            context.AddFailure(timeField, $"Enter the time the event {verb} on the 24-hour clock, like 18:00");
            return null;
        }

        if (!ok)
        {
            return null;
        }

        if (!LondonTime.TryToInstant(day, clock, out var instant))
        {
            context.AddFailure(timeField, $"That time does not exist in the UK: the clocks go forward an hour that night. Choose a time after 02:00");
            return null;
        }

        return instant;
    }
}

/// <summary>A time to publish an item, in London time.</summary>
public class ScheduleInput
{
    public string? Date { get; set; }

    public string? Time { get; set; }

    public DateTimeOffset? At => LondonTime.Combine(Date, Time);
}

public class ScheduleInputValidator : AbstractValidator<ScheduleInput>
{
    public ScheduleInputValidator(TimeProvider clock)
    {
        RuleFor(i => i.Date)
            .NotEmpty().WithMessage("Enter the date to publish it")
            .Must(d => LondonTime.TryParseDate(d, out _)).WithMessage("Enter the date to publish it as a real date, like 27/04/2026");
        RuleFor(i => i.Time)
            .NotEmpty().WithMessage("Enter the time to publish it, like 09:00")
            .Must(t => LondonTime.TryParseTime(t, out _)).WithMessage("Enter the time to publish it on the 24-hour clock, like 09:00");
        RuleFor(i => i).Custom((input, context) =>
        {
            if (!LondonTime.TryParseDate(input.Date, out var day) || !LondonTime.TryParseTime(input.Time, out var time))
            {
                return;
            }

            if (!LondonTime.TryToInstant(day, time, out var at))
            {
                context.AddFailure(nameof(input.Time), "That time does not exist in the UK: the clocks go forward an hour that night. Choose a time after 02:00");
            }
            else if (at <= clock.GetUtcNow())
            {
                context.AddFailure(nameof(input.Date), "Choose a date and time in the future, or publish it now");
            }
        });
    }
}

/// <summary>
/// News items' web addresses (<c>/news/{slug}</c>): made from the title, made unique with a number when
/// another item has the same, and checked when an Admin types one.
/// </summary>
public static partial class NewsSlugs
{
    public const int MaxLength = NewsItemConfiguration.SlugMaxLength;

    /// <summary>Room left for "-99" when a generated address needs a number.</summary>
    private const int GeneratedMaxLength = MaxLength - 10;

    public static bool IsWellFormed(string slug) => slug.Length <= MaxLength && Pattern().IsMatch(slug);

    /// <summary>"Screening & Q&A: Zoë's film!" becomes "screening-and-q-and-a-zoes-film".</summary>
    public static string FromTitle(string title)
    {
        var text = UnicodeText.NormalizeOrKeep(title.Trim().ToLowerInvariant().Replace("&", " and ", StringComparison.Ordinal), NormalizationForm.FormD);
        var slug = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '‘')
            {
                // Accents and apostrophes vanish rather than split a word: "Zoë's" → "zoes".
                continue;
            }

            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingHyphen && slug.Length > 0)
                {
                    slug.Append('-');
                }

                slug.Append(c);
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        var result = slug.ToString();
        if (result.Length > GeneratedMaxLength)
        {
            // Cut at a word boundary where there is one.
            result = result[..GeneratedMaxLength];
            var lastHyphen = result.LastIndexOf('-');
            result = lastHyphen > GeneratedMaxLength / 2 ? result[..lastHyphen] : result.TrimEnd('-');
        }

        return result.Length == 0 ? "news" : result;
    }

    /// <summary>
    /// <paramref name="wanted"/> if no other item has it, else the first free of <c>wanted-2</c>, <c>wanted-3</c>, ...
    /// </summary>
    public static async Task<string> UniqueAsync(AppDbContext db, string wanted, int? exceptId, CancellationToken cancellationToken = default)
    {
        var prefix = wanted + "-";
        var taken = (await db.NewsItems.AsNoTracking()
                .Where(n => n.Id != exceptId && (n.Slug == wanted || n.Slug.StartsWith(prefix)))
                .Select(n => n.Slug)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(wanted))
        {
            return wanted;
        }

        for (var n = 2; ; n++)
        {
            var candidate = string.Create(CultureInfo.InvariantCulture, $"{wanted}-{n}");
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The other item that already has <paramref name="slug"/>, if any.</summary>
    public static Task<NewsItem?> OwnerAsync(AppDbContext db, string slug, int? exceptId, CancellationToken cancellationToken = default) =>
        db.NewsItems.AsNoTracking().FirstOrDefaultAsync(n => n.Slug == slug && n.Id != exceptId, cancellationToken);

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>The item as it will look, rendered from the form without saving anything.</summary>
public sealed record NewsPreview(string Title, string Summary, HtmlString Body, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Location)
{
    public static NewsPreview Of(NewsItemInput input, MarkdownRenderer markdown) =>
        // Fields left empty arrive as null (model binding's rule for strings), even where the type says otherwise.
        new(input.Title?.Trim() ?? "", input.Summary?.Trim() ?? "", markdown.Render(input.Body, topHeadingLevel: 4), input.StartsAt,
            input.StartsAt is null ? null : input.EndsAt, string.IsNullOrWhiteSpace(input.Location) ? null : input.Location.Trim());
}

/// <summary>Where an item stands, in the words the admin pages use.</summary>
public enum NewsStatus
{
    Draft,
    Scheduled,
    Published,
}

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

/// <summary>
/// Limits for the content forms. The site's default form limits (16 KB a value, 64 KB a request) are
/// right for public forms; a news item's text, URL-encoded, can need more, so these pages allow it.
/// </summary>
public static class ContentForms
{
    public const int ValueLengthLimit = 256 * 1024;
    public const long RequestSizeLimit = 512 * 1024;
}
