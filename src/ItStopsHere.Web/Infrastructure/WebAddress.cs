namespace ItStopsHere.Web.Infrastructure;

/// <summary>Checks addresses that the campaign team stores (source and event links) before they become links.</summary>
public static class WebAddress
{
    /// <summary>True only for absolute http and https addresses, so a stored link can never run script.</summary>
    public static bool IsHttp(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
