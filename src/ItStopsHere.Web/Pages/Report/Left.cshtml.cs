using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Report;

/// <summary><c>/report/left</c>: after leaving the follow-up page; the browser is told to clear the site's data.</summary>
public class LeftModel : PageModel
{
    public void OnGet() => ClearSiteData.Send(Response);
}
