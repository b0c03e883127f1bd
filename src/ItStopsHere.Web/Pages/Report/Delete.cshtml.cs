using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pages.Report;

/// <summary><c>/report/follow-up/delete</c>: the reporter deletes their report, for good (its key is destroyed).</summary>
public class DeleteModel(IOptions<ReportingOptions> options, ReportStore store, ReportSession session) : PageModel
{
    public IActionResult OnGet() =>
        !options.Value.Enabled ? NotFound() : session.Current(HttpContext) is null ? RedirectToPage("/Report/FollowUp") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return NotFound();
        }

        if (session.Current(HttpContext) is not { } id)
        {
            return RedirectToPage("/Report/FollowUp");
        }

        await store.DeleteAsync(id, "Deleted by the person who reported it", AuditActor.Anonymous, cancellationToken);
        session.SignOut(HttpContext);
        return RedirectToPage("/Report/Deleted");
    }
}
