namespace ItStopsHere.Web.Content;

/// <summary>
/// The pages whose words live in the database and are edited at <c>/admin/pages</c>. Each keeps its
/// address, its description for search engines and its Razor shell (which shows the title, the content
/// note, the opening paragraph and the body). Structured parts are lists of the page's versions
/// (<see cref="ContentListCatalog"/>), or, on <c>/help</c> and <c>/impact</c>, its facts (help lines and
/// figures with the day each was checked: <see cref="PageFacts"/>), edited in small forms; parts that follow
/// the site's settings are placeholders (<see cref="ContentSlots"/>) or stay in the Razor shells. Policies
/// are editable pages too, but listed in the database (<see cref="ContentPageDirectory"/>).
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
        new("take-action", "Take action",
            "Four things everyone can do against sexual harassment: report and support, talk about it, be an active bystander, and train frontline staff.",
            Sections: true),
        new("take-action/bystander-tips", "Bystander tips: the 5 Ds",
            "Five safe ways to step in when you see sexual harassment: distract, delegate, document, delay and direct.",
            BackPath: "/take-action", BackLabel: "Back to Take action"),
        new("supporters", "Our supporters",
            "Why the university's leaders, student officers, societies and teams support the campaign."),
    ];

    public static ContentPageEntry? Find(string? slug) =>
        All.FirstOrDefault(p => string.Equals(p.Slug, slug, StringComparison.Ordinal));
}
