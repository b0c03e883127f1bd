using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Forms;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.News;

/// <summary>Writes a new item: saved as a draft, or published straight away, after an optional preview.</summary>
[RequestFormLimits(ValueLengthLimit = ContentForms.ValueLengthLimit)]
[RequestSizeLimit(ContentForms.RequestSizeLimit)]
public class NewModel(NewsEditor editor, IValidator<NewsItemInput> validator, MarkdownRenderer markdown) : PageModel
{
    [BindProperty]
    public NewsItemInput Input { get; set; } = new();

    public NewsPreview? Preview { get; private set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => SaveAsync(publish: false, cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken) => SaveAsync(publish: true, cancellationToken);

    /// <summary>Shows the item as it will look, without saving; any problems are listed too.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        Preview = NewsPreview.Of(Input.ToDraft(), markdown);
        return await ValidateAsync(cancellationToken) ? Page() : Invalid();
    }

    private async Task<IActionResult> SaveAsync(bool publish, CancellationToken cancellationToken)
    {
        if (!await ValidateAsync(cancellationToken))
        {
            return Invalid();
        }

        var saved = await editor.CreateAsync(Input.ToDraft(), publish, cancellationToken);
        if (!saved.Succeeded)
        {
            ModelState.AddModelError($"{nameof(Input)}.{saved.ErrorField}", saved.Error!);
            return Invalid();
        }

        var item = saved.Item!;
        TempData["Status"] = publish
            ? $"“{item.Title}” is published at /news/{item.Slug}."
            : $"“{item.Title}” is saved as a draft. It is not on the site until you publish it.";
        return RedirectToPage("/Admin/News/Edit", new { id = item.Id });
    }

    private async Task<bool> ValidateAsync(CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Input));
        return ModelState.IsValid;
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
