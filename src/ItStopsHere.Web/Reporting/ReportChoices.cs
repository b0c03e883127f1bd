using ItStopsHere.Web.Forms;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// The answers the report form offers. The forms of harassment follow the site's own definitions
/// (<c>/what-is-sexual-harassment</c>). Codes are stored; only <see cref="Categories"/> and
/// <see cref="Places"/> codes are readable in the database (for statistics), everything else is encrypted.
/// </summary>
public static class ReportChoices
{
    public static IReadOnlyList<ReportChoice> Categories { get; } =
    [
        new("verbal", "Words, jokes or noises", "For example comments about your body, sexual jokes, wolf-whistles"),
        new("touching", "Threats or unwanted touching"),
        new("online", "Online or image-based harassment", "For example unwanted sexual images or messages, or sharing or threatening to share an intimate image"),
        new("stalking", "Stalking or being followed, watched or contacted again and again"),
        new("assault", "Sexual assault or rape"),
        new("power", "By someone with power over you", "For example a lecturer, supervisor, manager or landlord"),
        new("group", "By a group"),
        new("other", "Something else"),
    ];

    public static IReadOnlyList<ReportChoice> When { get; } =
    [
        new("date", "On a date I can give"),
        new("week", "This week"),
        new("month", "This month"),
        new("year", "This year"),
        new("longer", "Longer ago"),
        new("unsure", "I'm not sure"),
    ];

    public static IReadOnlyList<ReportChoice> Places { get; } =
    [
        new("campus", "On campus"),
        new("residence", "In a hall of residence or student housing"),
        new("union", "In a students' union space or event"),
        new("online", "Online"),
        new("offcampus", "Off campus"),
        new("other", "Somewhere else"),
    ];

    public static IReadOnlyList<ReportChoice> Relationships { get; } =
    [
        new("student", "A student"),
        new("staff", "A member of staff"),
        new("stranger", "A stranger"),
        new("partner", "A partner or ex-partner"),
        new("other", "Someone else"),
        new("prefernot", "I'd prefer not to say"),
    ];

    public static IReadOnlyList<ReportChoice> Wishes { get; } =
    [
        new("information", "Information about my options"),
        new("support", "Support for me"),
        new("complaint", "To make a formal complaint"),
        new("inform", "Just to let the university know"),
    ];

    public static IReadOnlyList<ReportChoice> ContactMethods { get; } =
    [
        new("email", "Email"),
        new("phone", "Phone"),
    ];

    public static IReadOnlyList<ReportChoice> Safety { get; } =
    [
        new("yes", "Yes, I'm safe now"),
        new("no", "No, or I'm not sure"),
    ];

    public static bool IsOneOf(IReadOnlyList<ReportChoice> choices, string? code) =>
        code is not null && choices.Any(c => c.Code == code);

    public static string LabelOf(IReadOnlyList<ReportChoice> choices, string? code) =>
        choices.FirstOrDefault(c => c.Code == code)?.Label ?? "";

    /// <summary>The answers as options for the shared form kit's radio and checkbox groups.</summary>
    public static IReadOnlyList<Choice> Options(IEnumerable<ReportChoice> choices) =>
        choices.Select(c => new Choice(c.Code, c.Label) { Hint = c.Hint }).ToList();
}
