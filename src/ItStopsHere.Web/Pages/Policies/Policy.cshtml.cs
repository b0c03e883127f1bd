using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ItStopsHere.Web.Pages.Policies;

/// <summary>One policy's current version with its dates; its history is at <c>/policies/{policy}/history</c>.</summary>
[OutputCache(PolicyName = PageCaching.PublicPage)]
public class PolicyModel(ContentPageStore store, ContentPageDirectory directory) : PageModel
{
    public ContentPageEntry Entry { get; private set; } = null!;

    public ContentVersion Version { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string policy, CancellationToken cancellationToken)
    {
        var slug = ContentPageDirectory.PolicyPrefix + policy;
        var entry = await directory.FindAsync(slug, cancellationToken);
        var version = entry is null ? null : await store.CurrentAsync(slug, cancellationToken);
        if (entry is null || version is null)
        {
            return NotFound();
        }

        Entry = entry;
        Version = version;
        return Page();
    }
}
