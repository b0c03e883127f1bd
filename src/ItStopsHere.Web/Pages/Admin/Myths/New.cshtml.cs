using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Myths;

[RequestFormLimits(ValueLengthLimit = ContentForms.ValueLengthLimit)]
[RequestSizeLimit(ContentForms.RequestSizeLimit)]
public class NewModel(MythEditor editor, IValidator<MythInput> validator) : PageModel
{
    [BindProperty]
    public MythInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Input));
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var myth = await editor.AddAsync(Input.ToDraft(), cancellationToken);
        TempData["Status"] = $"“{myth.Statement}” is added at the end of the myth-busters page.";
        return RedirectToPage("/Admin/Myths/Index", null, null, $"myth-{myth.Id}");
    }
}
