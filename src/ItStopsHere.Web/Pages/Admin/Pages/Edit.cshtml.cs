using FluentValidation;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Forms;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Pages.Admin.News;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Pages;

/// <summary>
/// One editable page: its words (with a preview), saved as a draft, published now or at a time. A save
/// from a form opened before someone else's save is refused, and both versions of the words are shown.
/// </summary>
[RequestFormLimits(ValueLengthLimit = ContentForms.ValueLengthLimit)]
[RequestSizeLimit(ContentForms.RequestSizeLimit)]
public class EditModel(
    ContentPageEditor editor,
    ContentPageDirectory directory,
    ContentHtml html,
    IValidator<ContentPageInput> validator,
    IValidator<ScheduleInput> scheduleValidator) : PageModel
{
    [BindProperty]
    public ContentPageInput Input { get; set; } = new();

    [BindProperty]
    public ScheduleInput Schedule { get; set; } = new();

    public ContentPageEntry Entry { get; private set; } = null!;

    public ContentPage Record { get; private set; } = null!;

    public ContentVersion? Current { get; private set; }

    public ContentVersion? Draft { get; private set; }

    public ContentVersion? Waiting { get; private set; }

    /// <summary>The lists that are part of this page (edited on their own pages, published with the words).</summary>
    public IEnumerable<ContentListDefinition> Lists => ContentListCatalog.ForPage(Entry.Slug);

    /// <summary>The preview of the words in the form, rendered as the page will show them.</summary>
    public string? PreviewHtml { get; private set; }

    /// <summary>Someone else's newer words, when this save was refused because of them.</summary>
    public ContentVersion? Theirs { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        Input = ContentPageInput.From(ContentPageEditor.Latest(Record), Record.Revision);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (!await ValidateAsync(publishing: false, cancellationToken))
        {
            return Invalid();
        }

        var saved = await editor.SaveDraftAsync(Record, Input.Revision, Input.ToDraft(), cancellationToken);
        if (!saved.Succeeded)
        {
            return await ConflictAsync(slug, saved, cancellationToken);
        }

        TempData["Status"] = $"Your draft of “{Input.Title}” is saved. It is not on the site until you publish it.";
        return RedirectToPage(new { slug });
    }

    public async Task<IActionResult> OnPostPreviewAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        PreviewHtml = html.RenderFor(Entry.Slug, Input.Body);
        return await ValidateAsync(publishing: false, cancellationToken) ? Page() : Invalid();
    }

    public async Task<IActionResult> OnPostPublishAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (!await ValidateAsync(publishing: true, cancellationToken))
        {
            return Invalid();
        }

        return await PublishAsync(slug, at: null, cancellationToken);
    }

    public async Task<IActionResult> OnPostScheduleAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        var valid = await ValidateAsync(publishing: true, cancellationToken);
        var schedule = await scheduleValidator.ValidateAsync(Schedule, cancellationToken);
        schedule.AddToModelStateInFormOrder(this, nameof(Schedule));
        if (!valid || !schedule.IsValid)
        {
            return Invalid();
        }

        return await PublishAsync(slug, Schedule.At, cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelScheduleAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        TempData["Status"] = await editor.CancelScheduleAsync(Record, cancellationToken)
            ? "The scheduled version is cancelled: its words are the draft again, and the page stays as it is."
            : "There was no scheduled version to cancel: it may have been published already.";
        return RedirectToPage(new { slug });
    }

    private async Task<IActionResult> PublishAsync(string slug, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        if (Waiting is not null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(ContentPageInput.ChangeNote)}",
                "A version is already scheduled. Cancel it first, or wait until it is published");
            return Invalid();
        }

        var saved = await editor.PublishAsync(Record, Input.Revision, Input.ToDraft(), Input.ChangeNote ?? "", at, cancellationToken);
        if (!saved.Succeeded)
        {
            return await ConflictAsync(slug, saved, cancellationToken);
        }

        var version = saved.Saved!;
        TempData["Status"] = version.State == ContentVersionState.Scheduled
            ? $"Version {version.Number} of “{version.Title}” will be published on {LondonTime.Describe(version.PublishedAt!.Value)} (London time)."
            : $"Version {version.Number} of “{version.Title}” is published at {Entry.Path}.";
        return RedirectToPage(new { slug });
    }

    /// <summary>Someone saved since this form was opened: nothing is saved, and both sets of words are shown.</summary>
    private async Task<IActionResult> ConflictAsync(string slug, ContentSave saved, CancellationToken cancellationToken)
    {
        await LoadAsync(slug, cancellationToken);
        Theirs = saved.Theirs ?? ContentPageEditor.Latest(Record);
        ModelState.AddModelError($"{nameof(Input)}.{nameof(ContentPageInput.Body)}",
            $"Someone else saved this page ({Theirs?.SavedBy}, {(Theirs is null ? "" : LondonTime.Describe(Theirs.SavedAt))}) after you opened it, so your changes are not saved. Compare their words below with yours, then save again");
        Input.Revision = Record.Revision;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> ValidateAsync(bool publishing, CancellationToken cancellationToken)
    {
        Input.Publishing = publishing;
        Input.IsPolicy = Entry.IsPolicy;
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Input));
        return ModelState.IsValid;
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var entry = await directory.FindAsync(slug, cancellationToken);
        var page = entry is null ? null : await editor.FindAsync(slug, cancellationToken);
        if (entry is null || page is null)
        {
            return false;
        }

        Entry = entry;
        Record = page;
        Draft = ContentPageEditor.Draft(page);
        Waiting = editor.Waiting(page);
        Current = page.Versions.Where(v => v.State == ContentVersionState.Published).MaxBy(v => v.Number);
        return true;
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
