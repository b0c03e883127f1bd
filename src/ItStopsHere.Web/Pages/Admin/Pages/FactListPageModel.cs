using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Pages;

/// <summary>
/// A list of a page's facts (help lines, figures), in their order: each opens in its own small form; moving
/// one publishes a new version of the page like any other change.
/// </summary>
public abstract class FactListPageModel<TFact>(ContentPageEditor editor, FactList<TFact> list) : PageModel
    where TFact : class, IPageFact
{
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

        var items = list.Items(Facts);
        var index = items.FindIndex(l => l.Key == key);
        var target = direction == MoveDirection.Up ? index - 1 : index + 1;
        if (index < 0 || target < 0 || target >= items.Count || Scheduled)
        {
            TempData["Status"] = Scheduled
                ? $"A version of /{list.Slug} is scheduled: cancel it at /admin/pages/{list.Slug} before changing the {list.Plural}."
                : "Nothing moved: the list had changed. Here it is as it is now.";
            return RedirectToPage();
        }

        var facts = Facts.Copy();
        var moving = list.Items(facts);
        var item = moving[index];
        moving.RemoveAt(index);
        moving.Insert(target, item);
        var way = direction == MoveDirection.Up ? "up" : "down";
        var saved = await editor.PublishFactsAsync(
            Record, revision, facts, $"Moved “{item.Label}” {way} {list.MovedWithin}.", $"moved the {list.Noun} “{item.Label}” {way}", cancellationToken);
        TempData["Status"] = saved.Succeeded
            ? $"“{item.Label}” moved {way}: version {saved.Saved!.Number} of /{list.Slug} is published."
            : $"Nothing moved: someone else changed /{list.Slug} after you opened this list. Here it is as it is now.";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var page = await editor.FindAsync(list.Slug, cancellationToken);
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
