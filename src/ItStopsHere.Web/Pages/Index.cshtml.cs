using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages;

public class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public const int LatestNewsCount = 3;

    public IReadOnlyList<NewsItem> LatestNews { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        LatestNews = await db.NewsItems.AsNoTracking().Published(time.GetUtcNow()).NewestFirst().Take(LatestNewsCount).ToListAsync(cancellationToken);
}
