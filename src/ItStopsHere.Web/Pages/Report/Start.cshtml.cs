using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Forms;
using ItStopsHere.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pages.Report;

/// <summary>
/// <c>/report/start</c>: the first question, "Are you safe now?". "No" leads straight to the emergency
/// numbers, then to the form; "Yes" to the form.
/// </summary>
public class StartModel(IOptions<ReportingOptions> options, IValidator<SafetyInput> validator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "route")]
    public string? Route { get; set; }

    [BindProperty]
    public SafetyInput Input { get; set; } = new();

    public IActionResult OnGet() => options.Value.Enabled && ReportRoutes.Parse(Route) is not null ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || ReportRoutes.Parse(Route) is null)
        {
            return NotFound();
        }

        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Input));
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Input.SafeNow == "yes"
            ? RedirectToPage("/Report/New", new { route = Route })
            : RedirectToPage("/Report/Safety", new { route = Route });
    }
}
