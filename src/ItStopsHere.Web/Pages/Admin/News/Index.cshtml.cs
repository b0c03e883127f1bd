using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.News;

/// <summary>Every news item and event, newest first, filtered by where it stands.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    /// <summary>The filters, by their value in <c>?show=</c>, with the words the page uses.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Filters =
    [
        ("", "All"),
        ("drafts", "Drafts"),
        ("scheduled", "Scheduled"),
        ("published", "Published"),
        ("events", "Events"),
    ];

    [BindProperty(SupportsGet = true, Name = "show")]
    public string? Show { get; set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public IReadOnlyList<NewsItem> Items { get; private set; } = [];

    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    public DateTimeOffset Now { get; private set; }

    public string FilterLabel => Filters.FirstOrDefault(f => f.Value == (Show ?? "")).Label ?? "All";

    // "page" is also Razor Pages' own route value, so it is read from the query string only.
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int page = 1, CancellationToken cancellationToken = default)
    {
        Show = string.IsNullOrEmpty(Show) ? "" : Show;
        if (!Filters.Any(f => f.Value == Show))
        {
            return NotFound();
        }

        Now = clock.GetUtcNow();
        var now = Now;
        var all = db.NewsItems.AsNoTracking();
        var counts = new Dictionary<string, int>
        {
            [""] = await all.CountAsync(cancellationToken),
            ["drafts"] = await Filter(all, "drafts", now).CountAsync(cancellationToken),
            ["scheduled"] = await Filter(all, "scheduled", now).CountAsync(cancellationToken),
            ["published"] = await Filter(all, "published", now).CountAsync(cancellationToken),
            ["events"] = await Filter(all, "events", now).CountAsync(cancellationToken),
        };
        Counts = counts;

        PageNumber = page;
        PageCount = Math.Max(1, (counts[Show] + PageSize - 1) / PageSize);
        if (PageNumber < 1 || PageNumber > PageCount)
        {
            return NotFound();
        }

        Items = await Filter(all, Show, now).NewestFirst()
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return Page();
    }

    private static IQueryable<NewsItem> Filter(IQueryable<NewsItem> items, string show, DateTimeOffset now) => show switch
    {
        "drafts" => items.Where(n => !n.IsPublished),
        "scheduled" => items.Where(n => n.IsPublished && n.PublishedAt > now),
        "published" => items.Published(now),
        "events" => items.Where(n => n.StartsAt != null),
        _ => items,
    };

    /// <summary>The address of a filtered page of the list. Built by hand: "page" is a reserved route value in Razor Pages.</summary>
    public static string ListUrl(string? show, int page)
    {
        var query = new List<string>(2);
        if (!string.IsNullOrEmpty(show))
        {
            query.Add("show=" + Uri.EscapeDataString(show));
        }

        if (page > 1)
        {
            query.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"page={page}"));
        }

        return query.Count == 0 ? "/admin/news" : "/admin/news?" + string.Join('&', query);
    }
}
