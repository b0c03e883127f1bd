using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Pages.HelpLines;

/// <summary>
/// The help lines of <c>/help</c> (also in the report pages' emergency box), in their order: each opens
/// in its own small form; moving one publishes a new version of <c>/help</c> like any other change.
/// </summary>
public class IndexModel(ContentPageEditor editor) : PageModel
{
    public const string Slug = "help";

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

        var index = Facts.HelpLines.FindIndex(l => l.Key == key);
        var target = direction == MoveDirection.Up ? index - 1 : index + 1;
        if (index < 0 || target < 0 || target >= Facts.HelpLines.Count || Scheduled)
        {
            TempData["Status"] = Scheduled
                ? "A version of /help is scheduled: cancel it at /admin/pages/help before changing the help lines."
                : "Nothing moved: the list had changed. Here it is as it is now.";
            return RedirectToPage();
        }

        var facts = Facts.Copy();
        var line = facts.HelpLines[index];
        facts.HelpLines.RemoveAt(index);
        facts.HelpLines.Insert(target, line);
        var saved = await editor.PublishFactsAsync(
            Record, revision, facts, $"Moved “{line.Name}” {(direction == MoveDirection.Up ? "up" : "down")} the list of support services.",
            $"moved the help line “{line.Name}” {(direction == MoveDirection.Up ? "up" : "down")}", cancellationToken);
        TempData["Status"] = saved.Succeeded
            ? $"“{line.Name}” moved {(direction == MoveDirection.Up ? "up" : "down")}: version {saved.Saved!.Number} of /help is published."
            : "Nothing moved: someone else changed /help after you opened this list. Here it is as it is now.";
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
