namespace ItStopsHere.Web.Content;

/// <summary>An editable page in <see cref="ContentPageCatalog"/>: its address (<c>/slug</c>), its name in the admin list, and its description for search engines.</summary>
public sealed record ContentPageEntry(string Slug, string Name, string Description)
{
    public string Path => "/" + Slug;

    public string HistoryPath => $"/{Slug}/history";
}
