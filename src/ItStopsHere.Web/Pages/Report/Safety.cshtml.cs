using ItStopsHere.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pages.Report;

/// <summary><c>/report/safety</c>: for someone who is not safe, or not sure: who to call now, then the form if they want it.</summary>
public class SafetyModel(IOptions<ReportingOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "route")]
    public string? Route { get; set; }

    public IActionResult OnGet() => options.Value.Enabled && ReportRoutes.Parse(Route) is not null ? Page() : NotFound();
}
