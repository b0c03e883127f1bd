using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.News;

/// <summary>Deleting asks for confirmation first, on its own page, so it never happens by a slip.</summary>
public class DeleteModel(AppDbContext db, NewsEditor editor, TimeProvider clock) : PageModel
{
    public NewsItem Item { get; private set; } = null!;

    public NewsStatus Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await editor.DeleteAsync(Item, cancellationToken);
        TempData["Status"] = $"“{Item.Title}” has been deleted.";
        return RedirectToPage("/Admin/News/Index");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var item = await db.NewsItems.FindAsync([id], cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        Status = NewsItemStatus.Of(item, clock.GetUtcNow());
        return true;
    }
}
