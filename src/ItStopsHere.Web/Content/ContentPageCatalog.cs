namespace ItStopsHere.Web.Content;

/// <summary>
/// The pages whose words live in the database and are edited at <c>/admin/pages</c>. Each keeps its
/// address, its description for search engines and its Razor shell (which shows the title, the content
/// note, the opening paragraph and the body). <c>/help</c> and <c>/impact</c> also have a structured part
/// (help lines, figures: <see cref="PageFacts"/>) kept in each version and edited in small forms; the parts
/// that show settings (the university's reporting link, the accessibility contact address, the pledge call
/// to action) stay in their Razor shells.
/// </summary>
public static class ContentPageCatalog
{
    public static IReadOnlyList<ContentPageEntry> All { get; } =
    [
        new("what-is-sexual-harassment", "What is sexual harassment?",
            "What sexual harassment is, the forms it takes, where it happens, which acts are crimes, and where to report them."),
        new("consent", "Consent",
            "What consent means in law: agreeing by choice, with the freedom and capacity to make that choice, every time, in every relationship."),
        new("staying-safe-online", "Staying safe online",
            "How to leave this site quickly, why a website cannot erase your browsing history, and how to use a private window, clear your history and stay safe on a shared phone or computer."),
        new("help", "Get help now",
            "Who to call if something has happened to you or someone you know: emergency numbers, 24/7 support lines and how to report at the university."),
        new("impact", "The impact of sexual harassment",
            "How sexual harassment, violence and stalking affect students' mental health, studies and lives, with the research behind the figures."),
        new("accessibility", "Accessibility statement",
            "How accessible the It Stops Here site is, how we test it, and how to tell us about a problem."),
    ];

    public static ContentPageEntry? Find(string? slug) =>
        All.FirstOrDefault(p => string.Equals(p.Slug, slug, StringComparison.Ordinal));
}
