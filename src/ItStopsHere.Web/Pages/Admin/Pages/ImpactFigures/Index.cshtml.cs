using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Pages.ImpactFigures;

/// <summary>
/// The figures of <c>/impact</c>, in their order: each opens
/// in its own small form; moving one publishes a new version of <c>/impact</c> like any other change.
/// </summary>
public class IndexModel(ContentPageEditor editor) : PageModel
{
    public const string Slug = "impact";

    public ContentPage Record { get; private set; } = null!;

    public PageFacts Facts { get; private set; } = new();

    public bool Scheduled { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMoveAsync(string key, MoveDirection direction, int revision, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var index = Facts.Figures.FindIndex(l => l.Key == key);
        var target = direction == MoveDirection.Up ? index - 1 : index + 1;
        if (index < 0 || target < 0 || target >= Facts.Figures.Count || Scheduled)
        {
            TempData["Status"] = Scheduled
                ? "A version of /impact is scheduled: cancel it at /admin/pages/impact before changing the figures."
                : "Nothing moved: the list had changed. Here it is as it is now.";
            return RedirectToPage();
        }

        var facts = Facts.Copy();
        var line = facts.Figures[index];
        facts.Figures.RemoveAt(index);
        facts.Figures.Insert(target, line);
        var saved = await editor.PublishFactsAsync(
            Record, revision, facts, $"Moved “{line.Figure}” {(direction == MoveDirection.Up ? "up" : "down")} the list of figures.",
            $"moved the figure “{line.Figure}” {(direction == MoveDirection.Up ? "up" : "down")}", cancellationToken);
        TempData["Status"] = saved.Succeeded
            ? $"“{line.Figure}” moved {(direction == MoveDirection.Up ? "up" : "down")}: version {saved.Saved!.Number} of /impact is published."
            : "Nothing moved: someone else changed /impact after you opened this list. Here it is as it is now.";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var page = await editor.FindAsync(Slug, cancellationToken);
        var current = page is null ? null : ContentPageEditor.Newest(page);
        if (page is null || current is null)
        {
            return false;
        }

        Record = page;
        Facts = PageFacts.Parse(current.Facts);
        Scheduled = editor.Waiting(page) is not null;
        return true;
    }
}
