namespace ItStopsHere.Web.Data.Content;

/// <summary>
/// One entry of a structured list that is part of a page's version (one of the 5 Ds, a supporter's quote,
/// a supporter, a society): stored inside its <see cref="ContentVersion"/> (<see cref="ContentVersion.Items"/>,
/// as JSON), so a published version keeps its lists exactly as they were, and the database's guard on
/// published versions covers them too.
/// </summary>
public sealed record ContentListItem
{
    /// <summary>Which list it belongs to: a key in <c>ContentListCatalog</c>, e.g. <c>five-ds</c>.</summary>
    public string List { get; init; } = "";

    /// <summary>The step's name, or the person's or organisation's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Their role or organisation; none when empty.</summary>
    public string? Role { get; init; }

    /// <summary>The step's text (Markdown) or the supporter's own words (plain text); none when empty.</summary>
    public string? Text { get; init; }

    /// <summary>The text rendered and sanitised when the version was published (lists whose text is Markdown).</summary>
    public string? Html { get; init; }
}
