using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages;

/// <summary>The home page: the same for every visitor, so it is served from a short output cache.</summary>
[OutputCache(PolicyName = PageCaching.PublicPage)]
public class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public const int LatestNewsCount = 3;

    public IReadOnlyList<NewsItem> LatestNews { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        LatestNews = await db.NewsItems.AsNoTracking().Published(time.GetUtcNow()).NewestFirst().Take(LatestNewsCount).ToListAsync(cancellationToken);
}
