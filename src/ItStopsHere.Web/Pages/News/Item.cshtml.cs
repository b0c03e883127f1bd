using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.News;

public class ItemModel(AppDbContext db, MarkdownRenderer markdown, TimeProvider time) : PageModel
{
    public NewsItem Item { get; private set; } = null!;

    public HtmlString Body { get; private set; } = HtmlString.Empty;

    public bool HasPassed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var item = await db.NewsItems.AsNoTracking().Published(now).SingleOrDefaultAsync(n => n.Slug == slug, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        Item = item;
        Body = markdown.Render(item.Body, topHeadingLevel: 2);
        HasPassed = item.HasPassed(now);
        return Page();
    }
}
