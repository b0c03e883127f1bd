namespace ItStopsHere.Web.Infrastructure;

/// <summary>The site's navigation, in one place so the layout, the sitemap and the tests agree.</summary>
public static class SiteNavigation
{
    public sealed record Item(string Label, string Path, bool IsCallToAction = false)
    {
        public bool IsCurrent(string requestPath) =>
            Path == "/"
                ? requestPath == "/"
                : requestPath.Equals(Path, StringComparison.OrdinalIgnoreCase)
                  || requestPath.StartsWith(Path + "/", StringComparison.OrdinalIgnoreCase);
    }

    public static IReadOnlyList<Item> Main { get; } =
    [
        new("Home", "/"),
        new("What is it?", "/what-is-sexual-harassment"),
        new("Consent", "/consent"),
        new("Impact", "/impact"),
        new("Myths", "/myths"),
        new("Take action", "/take-action"),
        new("Supporters", "/supporters"),
        new("News & events", "/news"),
        new("Sign the pledge", "/pledge", IsCallToAction: true),
        new("Report", "/report"),
        new("Get help", "/help"),
    ];

    /// <summary>Public pages reached from within a section rather than the navigation; the sitemap lists them too.</summary>
    public static IReadOnlyList<Item> InSections { get; } =
    [
        new("Bystander tips", "/take-action/bystander-tips"),
        new("Everyone who has signed", "/pledge/signatures"),
    ];

    public static IReadOnlyList<Item> Footer { get; } =
    [
        new("Get help", "/help"),
        new("Staying safe online", "/staying-safe-online"),
        new("Privacy", "/privacy"),
        new("Accessibility", "/accessibility"),
        new("Cookies", "/cookies"),
        new("Contact", "/contact"),
    ];
}
