using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.PageHistory;

/// <summary>One published version of an editable page, at its stable address, marked when it is not the current one.</summary>
public class VersionModel(ContentPageStore store, ContentPageDirectory directory) : PageModel
{
    public ContentPageEntry Entry { get; private set; } = null!;

    public ContentVersion Version { get; private set; } = null!;

    public ContentVersion Current { get; private set; } = null!;

    public bool IsCurrent => Version.Number == Current.Number;

    public async Task<IActionResult> OnGetAsync(int number, CancellationToken cancellationToken)
    {
        var slug = ContentPageDirectory.SlugFrom(Request.Path, $"/history/{number}");
        var entry = await directory.FindAsync(slug, cancellationToken);
        var version = entry is null ? null : await store.VersionAsync(slug, number, cancellationToken);
        var current = version is null ? null : await store.CurrentAsync(slug, cancellationToken);
        if (entry is null || version is null || current is null)
        {
            return NotFound();
        }

        Entry = entry;
        Version = version;
        Current = current;
        return Page();
    }
}
