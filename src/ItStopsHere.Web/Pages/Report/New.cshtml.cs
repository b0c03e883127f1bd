using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Forms;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pages.Report;

/// <summary>
/// <c>/report/new?route=anonymous|named</c>: the report form, one question per section, no script needed.
/// Anonymous: the access code is carried to <c>/report/code</c> in an encrypted session cookie (never in a
/// URL). Named: a confirmation email with a personal link. A few reports an hour per client.
/// </summary>
[RequestFormLimits(ValueLengthLimit = ContentForms.ValueLengthLimit)]
[RequestSizeLimit(ContentForms.RequestSizeLimit)]
public class NewModel(IOptions<ReportingOptions> options, IValidator<ReportInput> validator, ReportStore store, ReportSession session) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "route")]
    public string? Route { get; set; }

    [BindProperty(SupportsGet = true, Name = "safe")]
    public string? Safe { get; set; }

    [BindProperty]
    public ReportInput Input { get; set; } = new();

    public bool Named => ReportRoutes.Parse(Route) == ReportRoute.Named;

    public string? TooMany { get; private set; }

    public IActionResult OnGet()
    {
        if (!options.Value.Enabled || ReportRoutes.Parse(Route) is null)
        {
            return NotFound();
        }

        Input.SafeNow = Safe == "no" ? "no" : Safe == "yes" ? "yes" : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || ReportRoutes.Parse(Route) is not { } route)
        {
            return NotFound();
        }

        Input.Named = route == ReportRoute.Named;
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Input));
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var client = ReportClient.Of(HttpContext);
        var wait = store.ReportWait(client);
        if (wait > TimeSpan.Zero)
        {
            TooMany = $"You have sent several reports in the last hour. Please wait {ReportClient.Minutes(wait)}, then send this one again: what you wrote is still in the form.";
            ModelState.AddModelError("", TooMany);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var created = await store.CreateAsync(route, Input.ToAnswers(), client, cancellationToken);
        if (created.AccessCode is { } code)
        {
            session.KeepCode(HttpContext, code);
            session.SignIn(HttpContext, created.Id);
            return RedirectToPage("/Report/Code");
        }

        return RedirectToPage("/Report/Sent");
    }
}
