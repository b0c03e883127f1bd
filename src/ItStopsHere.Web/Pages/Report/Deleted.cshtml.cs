using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Report;

/// <summary><c>/report/deleted</c>: after a reporter deletes their report; the browser is told to clear the site's data.</summary>
public class DeletedModel : PageModel
{
    public void OnGet() => ClearSiteData.Send(Response);
}
