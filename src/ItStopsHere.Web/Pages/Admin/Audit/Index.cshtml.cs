using System.Globalization;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.Audit;

/// <summary>
/// The audit log, newest first, filtered by who, what and when. Paged by keyset (entries older than the
/// last one shown), so every page is as fast as the first however long the log grows. Read-only: there is
/// no action here, or anywhere, that changes an entry.
/// </summary>
public class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The filters, read from the query string (a GET form, so a filtered view can be bookmarked).</summary>
    [BindProperty(SupportsGet = true, Name = "who")]
    public string? Who { get; set; }

    [BindProperty(SupportsGet = true, Name = "what")]
    public string? ActionFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    /// <summary>Show entries older than this id.</summary>
    [BindProperty(SupportsGet = true, Name = "before")]
    public long? Before { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public IReadOnlyList<string> People { get; private set; } = [];

    public long? OlderThan { get; private set; }

    public bool IsFiltered => !string.IsNullOrEmpty(Who) || !string.IsNullOrEmpty(ActionFilter) || !string.IsNullOrEmpty(From) || !string.IsNullOrEmpty(To);

    public async Task<IActionResult> OnGetAsync()
    {
        People = await db.AuditEntries.AsNoTracking().Select(e => e.ActorName).Distinct().OrderBy(n => n).ToListAsync();

        var from = ParseDate(From, "from");
        var to = ParseDate(To, "to");
        if (from is not null && to is not null && to < from)
        {
            ModelState.AddModelError("to", "The 'to' date must be the same as or after the 'from' date");
        }

        if (!string.IsNullOrEmpty(ActionFilter) && !AuditActions.All.Contains(ActionFilter))
        {
            ModelState.AddModelError("what", "Choose an action from the list");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(Who))
        {
            query = query.Where(e => e.ActorName == Who);
        }

        if (!string.IsNullOrEmpty(ActionFilter))
        {
            query = query.Where(e => e.Action == ActionFilter);
        }

        if (from is not null)
        {
            var start = StartOfLondonDay(from.Value);
            query = query.Where(e => e.OccurredAt >= start);
        }

        if (to is not null)
        {
            var end = StartOfLondonDay(to.Value.AddDays(1));
            query = query.Where(e => e.OccurredAt < end);
        }

        if (Before is not null)
        {
            query = query.Where(e => e.Id < Before);
        }

        var page = await query.OrderByDescending(e => e.Id).Take(PageSize + 1).ToListAsync();
        Entries = page.Take(PageSize).ToList();
        OlderThan = page.Count > PageSize ? Entries[^1].Id : null;
        return Page();
    }

    /// <summary>The query string for another page of the same filtered view.</summary>
    public Dictionary<string, string> RouteFor(long? before)
    {
        var values = new Dictionary<string, string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }

        Add("who", Who);
        Add("what", ActionFilter);
        Add("from", From);
        Add("to", To);
        Add("before", before?.ToString(CultureInfo.InvariantCulture));
        return values;
    }

    private DateOnly? ParseDate(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || DateOnly.TryParseExact(value.Trim(), "d/M/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return date;
        }

        ModelState.AddModelError(key, $"Enter the '{key}' date as a real date, like 27/04/2026");
        return null;
    }

    /// <summary>Midnight at the start of <paramref name="date"/> in London, as an instant.</summary>
    public static DateTimeOffset StartOfLondonDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, UkFormat.London.GetUtcOffset(local));
    }
}
