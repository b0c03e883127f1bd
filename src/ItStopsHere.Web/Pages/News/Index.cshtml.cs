using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.News;

public class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public const int PageSize = 10;

    /// <summary>Which page of news, from <c>?page=</c>; the first when absent.</summary>
    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; }

    public IReadOnlyList<NewsItem> Items { get; private set; } = [];

    /// <summary>Events still to come, shown above the news on the first page.</summary>
    public IReadOnlyList<NewsItem> UpcomingEvents { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    // "page" is also Razor Pages' own route value (the page's path), so it is read from the query string only.
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int page = 1, CancellationToken cancellationToken = default)
    {
        PageNumber = page;
        Now = time.GetUtcNow();
        var published = db.NewsItems.AsNoTracking().Published(Now);
        var total = await published.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        if (PageNumber < 1 || PageNumber > PageCount)
        {
            return NotFound();
        }

        Items = await published.NewestFirst().Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        if (PageNumber == 1)
        {
            UpcomingEvents = await db.NewsItems.AsNoTracking().UpcomingEvents(Now).ToListAsync(cancellationToken);
        }

        return Page();
    }

    public static string PageUrl(int page) => page == 1 ? "/news" : $"/news?page={page}";
}
