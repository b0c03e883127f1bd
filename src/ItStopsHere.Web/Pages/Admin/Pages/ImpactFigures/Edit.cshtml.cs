using FluentValidation;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Pages.ImpactFigures;

/// <summary>
/// Adds, corrects or removes one impact figure. Saving publishes a new version of <c>/impact</c> at once (the
/// page's words stay; its figures change) with the required one-line "what changed"; a save from a
/// form opened before someone else's change is refused.
/// </summary>
public class EditModel(ContentPageEditor editor, IValidator<ImpactFigureInput> validator, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ImpactFigureInput Input { get; set; } = new();

    public ContentPage Record { get; private set; } = null!;

    public PageFacts Facts { get; private set; } = new();

    /// <summary>The line being edited; null when adding one.</summary>
    public ImpactFigure? Line { get; private set; }

    public bool Scheduled { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFound();
        }

        Input = Line is null
            ? new ImpactFigureInput { Revision = Record.Revision, CheckedOn = LondonToday() }
            : ImpactFigureInput.From(Line, Record.Revision);
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
        var line = Line is null ? new ImpactFigure { Key = PageFacts.NewKey(facts.Figures.Select(l => l.Key)) } : facts.Figures.First(l => l.Key == Line.Key);
        Input.ApplyTo(line);
        if (Line is null)
        {
            facts.Figures.Add(line);
        }

        var details = Line is null ? $"added the figure “{line.Figure}”" : $"changed the figure “{line.Figure}”";
        return await PublishAsync(facts, details, n => $"Version {n} of /impact is published with “{line.Figure}”.", cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken) || Line is null)
        {
            return NotFound();
        }

        var validation = await validator.ValidateAsync(Input, o => o.IncludeProperties(nameof(ImpactFigureInput.ChangeNote)), cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Input));
        if (!ModelState.IsValid || !NotScheduled())
        {
            return Invalid();
        }

        var facts = Facts.Copy();
        facts.Figures.RemoveAll(l => l.Key == Line.Key);
        return await PublishAsync(facts, $"removed the figure “{Line.Figure}”", n => $"“{Line.Figure}” is removed: version {n} of /impact is published.", cancellationToken);
    }

    private async Task<IActionResult> PublishAsync(PageFacts facts, string details, Func<int?, string> status, CancellationToken cancellationToken)
    {
        var saved = await editor.PublishFactsAsync(Record, Input.Revision, facts, Input.ChangeNote ?? "", details, cancellationToken);
        if (!saved.Succeeded)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(ImpactFigureInput.Figure)}",
                "Someone else changed the impact page after you opened this form, so your change is not saved. Open the figures again to see theirs, then make your change again");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        TempData["Status"] = status(saved.Saved!.Number);
        return RedirectToPage("/Admin/Pages/ImpactFigures/Index");
    }

    private bool NotScheduled()
    {
        if (Scheduled)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(ImpactFigureInput.ChangeNote)}",
                "A version of the impact page is scheduled. Cancel the schedule at /admin/pages/impact first, so the versions stay in order");
        }

        return !Scheduled;
    }

    private async Task<bool> LoadAsync(string? key, CancellationToken cancellationToken)
    {
        var page = await editor.FindAsync(IndexModel.Slug, cancellationToken);
        var current = page is null ? null : ContentPageEditor.Newest(page);
        if (page is null || current is null)
        {
            return false;
        }

        Record = page;
        Facts = PageFacts.Parse(current.Facts);
        Scheduled = editor.Waiting(page) is not null;
        Line = key is null ? null : Facts.Figures.FirstOrDefault(l => l.Key == key);
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
