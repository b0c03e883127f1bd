namespace ItStopsHere.Web.Content;

/// <summary>
/// The structured parts of editable pages that stay structured, because people read them as a list of
/// like things: the 5 Ds on the bystander tips page, and the supporters' quotes, the supporters and the
/// societies and teams on the supporters page. Each is edited at <c>/admin/pages/lists/{key}</c> and is
/// part of its page's versions (<see cref="Data.Content.ContentVersion.Items"/>).
/// </summary>
public static class ContentListCatalog
{
    public const string FiveDs = "five-ds";
    public const string Quotes = "quotes";
    public const string Supporters = "supporters";
    public const string Societies = "societies";

    public static IReadOnlyList<ContentListDefinition> All { get; } =
    [
        new(FiveDs, "take-action/bystander-tips", "The 5 Ds", "step",
            "Name", "One word, e.g. “Distract”.",
            TextLabel: "What to do", TextHint: "A short paragraph. Markdown links work: [free, confidential support services](/help).", TextIsMarkdown: true),
        new(Quotes, "supporters", "Quotes: in their own words", "quote",
            "Name", "The person's name as they want it shown, e.g. “Professor Alex Example”.",
            RoleLabel: "Role or organisation", RoleRequired: true,
            TextLabel: "Their words", TextHint: "Plain text, without quotation marks: the page adds them."),
        new(Supporters, "supporters", "Supporters", "supporter",
            "Name or organisation", "A person, a team or a part of the university, e.g. “Human Resources”.",
            RoleLabel: "Role (optional)"),
        new(Societies, "supporters", "Supporting societies and teams", "society or team",
            "Name", "The society's or team's name, e.g. “Example Society”."),
    ];

    public static ContentListDefinition? Find(string? key) =>
        All.FirstOrDefault(l => string.Equals(l.Key, key, StringComparison.Ordinal));

    public static IEnumerable<ContentListDefinition> ForPage(string slug) => All.Where(l => l.PageSlug == slug);
}
