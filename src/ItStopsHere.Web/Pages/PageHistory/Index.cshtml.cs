using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.PageHistory;

/// <summary>Every published version of an editable page, newest first, with who published it and what changed.</summary>
public class IndexModel(ContentPageStore store, ContentPageDirectory directory) : PageModel
{
    public ContentPageEntry Entry { get; private set; } = null!;

    public IReadOnlyList<ContentVersion> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var slug = ContentPageDirectory.SlugFrom(Request.Path, "/history");
        var entry = await directory.FindAsync(slug, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }

        Entry = entry;
        Versions = await store.HistoryAsync(slug, cancellationToken);
        return Versions.Count == 0 ? NotFound() : Page();
    }
}
