using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.PageHistory;

/// <summary>Two published versions of an editable page compared word by word (<c>?from=1&amp;to=2</c>).</summary>
public class CompareModel(ContentPageStore store, ContentPageDirectory directory) : PageModel
{
    public ContentPageEntry Entry { get; private set; } = null!;

    public ContentVersion Older { get; private set; } = null!;

    public ContentVersion Newer { get; private set; } = null!;

    public IReadOnlyList<ContentDiffPart> Parts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? from, int? to, CancellationToken cancellationToken)
    {
        var slug = ContentPageDirectory.SlugFrom(Request.Path, "/history/compare");
        var entry = await directory.FindAsync(slug, cancellationToken);
        if (entry is null || from is null || to is null)
        {
            return entry is null ? NotFound() : Redirect(entry.HistoryPath);
        }

        // Whichever order they were chosen in, the older one is on the left of the comparison.
        var (a, b) = from <= to ? (from.Value, to.Value) : (to.Value, from.Value);
        var older = await store.VersionAsync(slug, a, cancellationToken);
        var newer = await store.VersionAsync(slug, b, cancellationToken);
        if (older is null || newer is null)
        {
            return NotFound();
        }

        Entry = entry;
        Older = older;
        Newer = newer;
        Parts = ContentDiff.Compare(ContentDiff.Words(older), ContentDiff.Words(newer));
        return Page();
    }
}
