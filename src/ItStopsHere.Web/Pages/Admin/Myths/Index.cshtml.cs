using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.Myths;

/// <summary>
/// The myth busters in the order the public page shows them, with buttons to move each up or down and
/// to hide or show it. Each button is a small form, so it works without JavaScript; after it, the page
/// comes back scrolled to the myth that moved.
/// </summary>
public class IndexModel(AppDbContext db, MythEditor editor) : PageModel
{
    public IReadOnlyList<Myth> Myths { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Myths = await db.Myths.AsNoTracking().InOrder().ToListAsync(cancellationToken);

    public Task<IActionResult> OnPostMoveUpAsync(int id, CancellationToken cancellationToken) => MoveAsync(id, MoveDirection.Up, cancellationToken);

    public Task<IActionResult> OnPostMoveDownAsync(int id, CancellationToken cancellationToken) => MoveAsync(id, MoveDirection.Down, cancellationToken);

    public Task<IActionResult> OnPostHideAsync(int id, CancellationToken cancellationToken) => SetHiddenAsync(id, hidden: true, cancellationToken);

    public Task<IActionResult> OnPostShowAsync(int id, CancellationToken cancellationToken) => SetHiddenAsync(id, hidden: false, cancellationToken);

    private async Task<IActionResult> MoveAsync(int id, MoveDirection direction, CancellationToken cancellationToken)
    {
        var myth = await db.Myths.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (myth is null)
        {
            return NotFound();
        }

        var position = await editor.MoveAsync(id, direction, cancellationToken);
        TempData["Status"] = position is { } p
            ? $"“{myth.Statement}” is now number {p}."
            : $"“{myth.Statement}” is already {(direction == MoveDirection.Up ? "first" : "last")}.";
        return Back(id);
    }

    private async Task<IActionResult> SetHiddenAsync(int id, bool hidden, CancellationToken cancellationToken)
    {
        var myth = await db.Myths.FindAsync([id], cancellationToken);
        if (myth is null)
        {
            return NotFound();
        }

        await editor.SetHiddenAsync(myth, hidden, cancellationToken);
        TempData["Status"] = hidden
            ? $"“{myth.Statement}” is hidden: it is no longer on the myth-busters page."
            : $"“{myth.Statement}” is shown on the myth-busters page again.";
        return Back(id);
    }

    private RedirectToPageResult Back(int id) => RedirectToPage("/Admin/Myths/Index", null, null, $"myth-{id}");
}
