using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Myths;

/// <summary>Deleting asks for confirmation first, and offers hiding as the gentler choice.</summary>
public class DeleteModel(AppDbContext db, MythEditor editor) : PageModel
{
    public Myth Myth { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Myths.FindAsync([id], cancellationToken) is not { } myth)
        {
            return NotFound();
        }

        Myth = myth;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Myths.FindAsync([id], cancellationToken) is not { } myth)
        {
            return NotFound();
        }

        await editor.DeleteAsync(myth, cancellationToken);
        TempData["Status"] = $"“{myth.Statement}” has been deleted.";
        return RedirectToPage("/Admin/Myths/Index");
    }
}
