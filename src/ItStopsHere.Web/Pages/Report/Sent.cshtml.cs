using ItStopsHere.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pages.Report;

public class SentModel(IOptions<ReportingOptions> options) : PageModel
{
    public IActionResult OnGet() => options.Value.Enabled ? Page() : NotFound();
}
