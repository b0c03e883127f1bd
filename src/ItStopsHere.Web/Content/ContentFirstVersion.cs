using ItStopsHere.Web.Data.Content;

namespace ItStopsHere.Web.Content;

/// <summary>The words of an editable page's first version (see <see cref="ContentFirstVersions"/>), with its structured lists.</summary>
public sealed record ContentFirstVersion(string Slug, string Title, string Summary, string? ContentNote, string Body, IReadOnlyList<ContentListItem>? Items = null);
