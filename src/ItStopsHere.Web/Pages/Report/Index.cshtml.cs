using ItStopsHere.Web.Reporting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pages.Report;

public class IndexModel(IOptions<ReportingOptions> options) : PageModel
{
    public ReportingOptions Settings => options.Value;

    public void OnGet()
    {
    }
}
