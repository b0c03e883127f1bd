using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Forms;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.News;

/// <summary>
/// One item: its words (edited with a preview), and publishing it now, at a set time, or taking it off
/// the site. Each action is its own form, so none sends another's half-finished fields.
/// </summary>
[RequestFormLimits(ValueLengthLimit = ContentForms.ValueLengthLimit)]
[RequestSizeLimit(ContentForms.RequestSizeLimit)]
public class EditModel(
    AppDbContext db,
    NewsEditor editor,
    IValidator<NewsItemInput> validator,
    IValidator<ScheduleInput> scheduleValidator,
    MarkdownRenderer markdown,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    public NewsItemInput Input { get; set; } = new();

    [BindProperty]
    public ScheduleInput Schedule { get; set; } = new();

    public NewsItem Item { get; private set; } = null!;

    public NewsStatus Status { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public NewsPreview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = NewsItemInput.From(Item);
        FillSchedule();
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) => SaveAsync(id, publish: false, cancellationToken);

    public Task<IActionResult> OnPostSaveAndPublishAsync(int id, CancellationToken cancellationToken) => SaveAsync(id, publish: true, cancellationToken);

    public async Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        FillSchedule();
        Preview = NewsPreview.Of(Input.ToDraft(), markdown);
        return await ValidateAsync(cancellationToken) ? Page() : Invalid();
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Status != NewsStatus.Published)
        {
            await editor.PublishAsync(Item, cancellationToken);
        }

        TempData["Status"] = $"“{Item.Title}” is published at /news/{Item.Slug}.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostScheduleAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var validation = await scheduleValidator.ValidateAsync(Schedule, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Schedule));
        if (!ModelState.IsValid)
        {
            Input = NewsItemInput.From(Item);
            return Invalid();
        }

        var at = Schedule.At!.Value;
        await editor.ScheduleAsync(Item, at, cancellationToken);
        TempData["Status"] = $"“{Item.Title}” will be published on {LondonTime.Describe(at)}. Until then it is not on the site.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Status != NewsStatus.Draft)
        {
            await editor.UnpublishAsync(Item, cancellationToken);
        }

        TempData["Status"] = $"“{Item.Title}” is a draft again: it is not on the site, in the feed or in the sitemap.";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> SaveAsync(int id, bool publish, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        FillSchedule();
        if (!await ValidateAsync(cancellationToken))
        {
            return Invalid();
        }

        var saved = await editor.UpdateAsync(Item, Input.ToDraft(), cancellationToken);
        if (!saved.Succeeded)
        {
            ModelState.AddModelError($"{nameof(Input)}.{saved.ErrorField}", saved.Error!);
            await LoadAsync(id, cancellationToken);
            return Invalid();
        }

        if (publish && Status != NewsStatus.Published)
        {
            await editor.PublishAsync(Item, cancellationToken);
            TempData["Status"] = $"“{Item.Title}” is saved and published at /news/{Item.Slug}.";
        }
        else
        {
            TempData["Status"] = saved.Unchanged
                ? "There were no changes to save."
                : Status == NewsStatus.Published
                    ? $"Your changes to “{Item.Title}” are saved and on the site."
                    : $"Your changes to “{Item.Title}” are saved.";
        }

        return RedirectToPage(new { id });
    }

    private async Task<bool> ValidateAsync(CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Input));
        return ModelState.IsValid;
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var item = await db.NewsItems.FindAsync([id], cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        Now = clock.GetUtcNow();
        Status = NewsItemStatus.Of(item, Now);
        return true;
    }

    /// <summary>The schedule form starts at the item's own time if it has one, else empty.</summary>
    private void FillSchedule()
    {
        if (Status == NewsStatus.Scheduled)
        {
            Schedule = new ScheduleInput { Date = LondonTime.DateValue(Item.PublishedAt), Time = LondonTime.TimeValue(Item.PublishedAt) };
        }
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
