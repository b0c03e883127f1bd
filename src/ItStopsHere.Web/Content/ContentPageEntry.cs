namespace ItStopsHere.Web.Content;

/// <summary>
/// An editable page: its address (<c>/slug</c>), its name in the admin list, and its description for
/// search engines; optionally a link back to the page it belongs under, and whether each <c>##</c> heading
/// starts a section (see <see cref="ContentHtml"/>). A policy's entry is made from its record
/// (<see cref="ContentPageDirectory"/>).
/// </summary>
public sealed record ContentPageEntry(
    string Slug, string Name, string Description, string? BackPath = null, string? BackLabel = null, bool Sections = false)
{
    public string Path => "/" + Slug;

    public string HistoryPath => $"/{Slug}/history";

    public bool IsPolicy => Slug.StartsWith(ContentPageDirectory.PolicyPrefix, StringComparison.Ordinal);
}
