namespace ItStopsHere.Web.Content;

/// <summary>The words of a page as an editor submits them.</summary>
public sealed record ContentDraft(string Title, string Summary, string Body, string? ContentNote)
{
    public bool SameWordsAs(Data.Content.ContentVersion version) =>
        Title == version.Title && Summary == version.Summary && Body == version.Body
        && (ContentNote ?? "") == (version.ContentNote ?? "");
}
