namespace ItStopsHere.Web.Data.Content;

/// <summary>
/// A campaign page whose words the team edits at <c>/admin/pages</c> (for example <c>/consent</c>). What
/// visitors read is its current published <see cref="ContentVersion"/>; every earlier one stays readable
/// at <c>/&lt;page&gt;/history/&lt;number&gt;</c>.
/// </summary>
public class ContentPage
{
    public int Id { get; set; }

    /// <summary>The page's address without its leading slash, e.g. <c>consent</c>. Never changes.</summary>
    public string Slug { get; set; } = "";

    /// <summary>One of <see cref="ContentPageKinds"/>.</summary>
    public string Kind { get; set; } = ContentPageKinds.Campaign;

    /// <summary>
    /// Goes up by one with every saved draft, publication and schedule. An editor's form carries the value it
    /// was opened with, so a save over someone else's newer save is refused instead of overwriting it.
    /// Also EF Core's concurrency token, for two saves at the same moment.
    /// </summary>
    public int Revision { get; set; }

    public List<ContentVersion> Versions { get; set; } = [];
}
