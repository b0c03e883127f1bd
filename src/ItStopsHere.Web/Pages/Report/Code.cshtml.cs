using ItStopsHere.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pages.Report;

/// <summary>
/// <c>/report/code</c>: the anonymous reporter's access code, shown from the encrypted session cookie the
/// form left (never from the URL), until they say they have kept it or the cookie lapses.
/// </summary>
public class CodeModel(IOptions<ReportingOptions> options, ReportSession session) : PageModel
{
    public string? AccessCode { get; private set; }

    public IActionResult OnGet()
    {
        if (!options.Value.Enabled)
        {
            return NotFound();
        }

        AccessCode = session.Code(HttpContext);
        return AccessCode is null ? RedirectToPage("/Report/FollowUp") : Page();
    }

    /// <summary>"I have saved my code": forget it here and go to the conversation.</summary>
    public IActionResult OnPost()
    {
        if (!options.Value.Enabled)
        {
            return NotFound();
        }

        session.ForgetCode(HttpContext);
        return RedirectToPage("/Report/FollowUp");
    }
}
