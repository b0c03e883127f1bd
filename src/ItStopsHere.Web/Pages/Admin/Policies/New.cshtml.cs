using FluentValidation;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Policies;

/// <summary>Adds a policy at <c>/policies/{slug}</c>: saved as a draft, or published at once with what changed.</summary>
[RequestFormLimits(ValueLengthLimit = ContentForms.ValueLengthLimit)]
[RequestSizeLimit(ContentForms.RequestSizeLimit)]
public class NewModel(ContentPageEditor editor, IValidator<NewPolicyInput> validator) : PageModel
{
    [BindProperty]
    public NewPolicyInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => CreateAsync(publish: false, cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken) => CreateAsync(publish: true, cancellationToken);

    private async Task<IActionResult> CreateAsync(bool publish, CancellationToken cancellationToken)
    {
        Input.IsPolicy = true;
        Input.Publishing = publish;
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        var slug = Input.Slug!;
        var saved = await editor.CreatePolicyAsync(slug, Input.ToDraft(), publish ? Input.ChangeNote : null, cancellationToken);
        if (!saved.Succeeded)
        {
            ModelState.AddModelError("Input.Slug", "Another policy already has this web address: choose another");
            return Invalid();
        }

        TempData["Status"] = publish
            ? $"“{Input.Title!.Trim()}” is published at /policies/{slug}."
            : $"Your draft of “{Input.Title!.Trim()}” is saved. It is not on the site until you publish it.";
        return RedirectToPage("/Admin/Pages/Edit", new { slug = ContentPageDirectory.PolicyPrefix + slug });
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
