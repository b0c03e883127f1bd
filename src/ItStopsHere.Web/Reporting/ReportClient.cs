namespace ItStopsHere.Web.Reporting;

/// <summary>The key a client's reports and code attempts are counted under: its address, held in memory only, never stored or logged.</summary>
public static class ReportClient
{
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>"5 minutes", "1 minute": how long to wait, rounded up to whole minutes.</summary>
    public static string Minutes(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return minutes == 1 ? "1 minute" : $"{minutes} minutes";
    }
}
