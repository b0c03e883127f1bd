using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.Pages;

/// <summary>The editable pages, each with its current version, any draft and any scheduled version.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(ContentPageEntry Entry, ContentVersion? Current, ContentVersion? Draft, ContentVersion? Waiting);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var pages = await db.ContentPages.AsNoTracking().Include(p => p.Versions).ToListAsync(cancellationToken);
        Rows = ContentPageCatalog.All.Select(entry =>
        {
            var versions = pages.FirstOrDefault(p => p.Slug == entry.Slug)?.Versions ?? [];
            return new Row(
                entry,
                versions.Where(v => v.Number is not null && v.PublishedAt <= now && v.State != ContentVersionState.Draft).MaxBy(v => v.Number),
                versions.FirstOrDefault(v => v.State == ContentVersionState.Draft),
                versions.FirstOrDefault(v => v.State == ContentVersionState.Scheduled && v.PublishedAt > now));
        }).ToList();
    }
}
