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

    /// <summary>
    /// The header's navigation. It fits on one row from 1024 px: the home page is the logo's link, so it
    /// takes no place here.
    /// </summary>
    public static IReadOnlyList<Item> Main { get; } =
    [
        new("What is it?", "/what-is-sexual-harassment"),
        new("Consent", "/consent"),
        new("Impact", "/impact"),
        new("Myths", "/myths"),
        new("Take action", "/take-action"),
        new("Supporters", "/supporters"),
        new("News", "/news"),
        new("Sign the pledge", "/pledge", IsCallToAction: true),
        new("Report", "/report"),
        new("Get help", "/help"),
    ];

    /// <summary>Public pages not in <see cref="Main"/> (the home page, pages reached from within a section); the sitemap lists them too.</summary>
    public static IReadOnlyList<Item> InSections { get; } =
    [
        new("Home", "/"),
        new("Bystander tips", "/take-action/bystander-tips"),
        new("Everyone who has signed", "/pledge/signatures"),
    ];

    public static IReadOnlyList<Item> Footer { get; } =
    [
        new("Get help", "/help"),
        new("Staying safe online", "/staying-safe-online"),
        new("Policies", "/policies"),
        new("Privacy", "/privacy"),
        new("Accessibility", "/accessibility"),
        new("Cookies", "/cookies"),
        new("Contact", "/contact"),
    ];
}
