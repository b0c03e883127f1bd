namespace ItStopsHere.Web.Pages.Report;

/// <summary>The header that asks the browser to forget this site's cache, cookies and storage when a reporter leaves.</summary>
public static class ClearSiteData
{
    public const string Header = "Clear-Site-Data";
    public const string Value = "\"cache\", \"cookies\", \"storage\"";

    public static void Send(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers[Header] = Value;
    }
}
