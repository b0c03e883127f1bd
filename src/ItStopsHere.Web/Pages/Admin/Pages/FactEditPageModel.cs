using FluentValidation;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Pages;

/// <summary>
/// Adds, corrects or removes one of a page's facts (a help line, a figure). Saving publishes a new version of
/// the page at once (its words stay; the list changes) with the required one-line "what changed"; a save
/// from a form opened before someone else's change is refused.
/// </summary>
public abstract class FactEditPageModel<TFact, TInput>(
    ContentPageEditor editor, IValidator<TInput> validator, TimeProvider clock, FactList<TFact> list) : PageModel
    where TFact : class, IPageFact, new()
    where TInput : class, IFactInput<TFact>, new()
{
    [BindProperty]
    public TInput Input { get; set; } = new();

    public ContentPage Record { get; private set; } = null!;

    public PageFacts Facts { get; private set; } = new();

    /// <summary>The item being edited; null when adding one.</summary>
    public TFact? Line { get; private set; }

    public bool Scheduled { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFound();
        }

        Input = Line is null
            ? new TInput { Revision = Record.Revision, CheckedOn = LondonToday() }
            : InputFrom(Line, Record.Revision);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFound();
        }

        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Input));
        if (!ModelState.IsValid || !NotScheduled())
        {
            return Invalid();
        }

        var facts = Facts.Copy();
        var items = list.Items(facts);
        var item = Line is null ? new TFact { Key = PageFacts.NewKey(items.Select(l => l.Key)) } : items.First(l => l.Key == Line.Key);
        Input.ApplyTo(item);
        if (Line is null)
        {
            items.Add(item);
        }

        var details = $"{(Line is null ? "added" : "changed")} the {list.Noun} “{item.Label}”";
        return await PublishAsync(facts, details, n => $"Version {n} of /{list.Slug} is published with “{item.Label}”.", cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken) || Line is null)
        {
            return NotFound();
        }

        var validation = await validator.ValidateAsync(Input, o => o.IncludeProperties(nameof(IFactInput<TFact>.ChangeNote)), cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Input));
        if (!ModelState.IsValid || !NotScheduled())
        {
            return Invalid();
        }

        var facts = Facts.Copy();
        list.Items(facts).RemoveAll(l => l.Key == Line.Key);
        return await PublishAsync(
            facts, $"removed the {list.Noun} “{Line.Label}”", n => $"“{Line.Label}” is removed: version {n} of /{list.Slug} is published.", cancellationToken);
    }

    /// <summary>The form filled in from an existing item.</summary>
    protected abstract TInput InputFrom(TFact item, int revision);

    private async Task<IActionResult> PublishAsync(PageFacts facts, string details, Func<int?, string> status, CancellationToken cancellationToken)
    {
        var saved = await editor.PublishFactsAsync(Record, Input.Revision, facts, Input.ChangeNote ?? "", details, cancellationToken);
        if (!saved.Succeeded)
        {
            ModelState.AddModelError($"{nameof(Input)}.{list.FirstField}",
                $"Someone else changed {list.PageName} after you opened this form, so your change is not saved. Open the {list.Plural} again to see theirs, then make your change again");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        TempData["Status"] = status(saved.Saved!.Number);
        return RedirectToPage(list.IndexPage);
    }

    private bool NotScheduled()
    {
        if (Scheduled)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(IFactInput<TFact>.ChangeNote)}",
                $"A version of {list.PageName} is scheduled. Cancel the schedule at /admin/pages/{list.Slug} first, so the versions stay in order");
        }

        return !Scheduled;
    }

    private async Task<bool> LoadAsync(string? key, CancellationToken cancellationToken)
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
        Line = key is null ? null : list.Items(Facts).FirstOrDefault(l => l.Key == key);
        return key is null || Line is not null;
    }

    private string LondonToday() =>
        Infrastructure.UkFormat.ToLondon(clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
