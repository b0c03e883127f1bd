using Microsoft.AspNetCore.Mvc.Filters;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// Every page under <c>/report</c>: never stored by the browser or a proxy (<c>no-store</c>), never
/// indexed, and the referrer never sent onwards.
/// </summary>
public sealed class ReportPageHeaders : IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        headers["Referrer-Policy"] = "no-referrer";
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
