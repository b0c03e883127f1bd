namespace ItStopsHere.Web.Infrastructure;

/// <summary>How the site serves its pages: the <c>Site</c> configuration section.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>
    /// Seconds a public page (<see cref="PageCaching.PublicPage"/>) is served from memory; 0 turns the
    /// cache off (the integration tests do, so a page read right after a change shows it).
    /// </summary>
    public double PublicPageCacheSeconds { get; set; } = 2.0;
}
