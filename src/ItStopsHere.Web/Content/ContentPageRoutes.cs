using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace ItStopsHere.Web.Content;

/// <summary>
/// The public history pages (<c>Pages/PageHistory</c>) answer at <c>/{page}/history</c> for one-word pages
/// (their own route, <c>{slug:content-page}</c>); these conventions add the same pages at the addresses of
/// editable pages deeper down (<c>/take-action/bystander-tips/history</c>) and of every policy
/// (<c>/policies/{policy}/history</c>). The pages read which page is meant from the request's path.
/// </summary>
public static class ContentPageRoutes
{
    public static void AddConventions(PageConventionCollection conventions)
    {
        var bases = ContentPageCatalog.All.Where(p => p.Slug.Contains('/', StringComparison.Ordinal)).Select(p => p.Slug)
            .Append(ContentPageDirectory.PolicyPrefix + "{policy:regex(^[a-z0-9-]+$)}");
        foreach (var slug in bases)
        {
            conventions.AddPageRoute("/PageHistory/Index", $"{slug}/history");
            conventions.AddPageRoute("/PageHistory/Version", $"{slug}/history/{{number:int}}");
            conventions.AddPageRoute("/PageHistory/Compare", $"{slug}/history/compare");
        }
    }
}
