using ItStopsHere.Web.Data.Content;

namespace ItStopsHere.Web.Content;

/// <summary>
/// What came of saving or publishing a page. When someone else saved the page after the editor opened
/// it, nothing is saved and <see cref="Theirs"/> holds the newer words (their draft, or the newest version).
/// </summary>
public sealed record ContentSave(bool Succeeded, ContentVersion? Theirs = null, ContentVersion? Saved = null)
{
    public bool Conflict => !Succeeded && Theirs is not null;
}
