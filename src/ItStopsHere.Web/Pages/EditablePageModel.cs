using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ItStopsHere.Web.Pages;

/// <summary>
/// The page model shared by every page in <see cref="ContentPageCatalog"/>: it finds the page by its own
/// route (<c>/consent</c> is the page <c>consent</c>) and shows its current published version, whose HTML
/// was rendered once at publication.
/// </summary>
[OutputCache(PolicyName = PageCaching.PublicPage)]
public class EditablePageModel(ContentPageStore store) : PageModel
{
    public ContentPageEntry Entry { get; private set; } = null!;

    public ContentVersion Version { get; private set; } = null!;

    /// <summary>The version's structured part (help lines, figures), if the page has one.</summary>
    public PageFacts Facts { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var entry = ContentPageCatalog.Find(PageContext.ActionDescriptor.AttributeRouteInfo?.Template?.Trim('/'));
        var version = entry is null ? null : await store.CurrentAsync(entry.Slug, cancellationToken);
        if (entry is null || version is null)
        {
            return NotFound();
        }

        Entry = entry;
        Version = version;
        Facts = PageFacts.Parse(version.Facts);
        return Page();
    }
}
