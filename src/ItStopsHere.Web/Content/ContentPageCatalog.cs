namespace ItStopsHere.Web.Content;

/// <summary>
/// The pages whose words live in the database and are edited at <c>/admin/pages</c>. Each keeps its
/// address, its description for search engines and its Razor shell (which shows the title, the content
/// note, the opening paragraph and the body). Pages whose words are interwoven with structured facts or
/// settings (help lines, the impact figures, supporters' quotes, the 5 Ds, the take-action page with its
/// configurable report link and emails, the accessibility statement with its contact address) stay in
/// code this round.
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
    ];

    public static ContentPageEntry? Find(string? slug) =>
        All.FirstOrDefault(p => string.Equals(p.Slug, slug, StringComparison.Ordinal));
}
