using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Myths;

[RequestFormLimits(ValueLengthLimit = ContentForms.ValueLengthLimit)]
[RequestSizeLimit(ContentForms.RequestSizeLimit)]
public class EditModel(AppDbContext db, MythEditor editor, IValidator<MythInput> validator) : PageModel
{
    [BindProperty]
    public MythInput Input { get; set; } = new();

    public Myth Myth { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Myths.FindAsync([id], cancellationToken) is not { } myth)
        {
            return NotFound();
        }

        Myth = myth;
        Input = MythInput.From(myth);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Myths.FindAsync([id], cancellationToken) is not { } myth)
        {
            return NotFound();
        }

        Myth = myth;
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Input));
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var changed = await editor.UpdateAsync(myth, Input.ToDraft(), cancellationToken);
        TempData["Status"] = changed ? $"Your changes to “{myth.Statement}” are saved." : "There were no changes to save.";
        return RedirectToPage("/Admin/Myths/Index", null, null, $"myth-{myth.Id}");
    }
}
