namespace ItStopsHere.Web.Content;

/// <summary>The words of a page as an editor submits them; for a policy, also its three dates.</summary>
public sealed record ContentDraft(
    string Title, string Summary, string Body, string? ContentNote,
    DateOnly? EffectiveOn = null, DateOnly? LastReviewedOn = null, DateOnly? NextReviewDueOn = null)
{
    public bool SameWordsAs(Data.Content.ContentVersion version) =>
        Title == version.Title && Summary == version.Summary && Body == version.Body
        && (ContentNote ?? "") == (version.ContentNote ?? "")
        && EffectiveOn == version.EffectiveOn && LastReviewedOn == version.LastReviewedOn && NextReviewDueOn == version.NextReviewDueOn;

    public static ContentDraft From(Data.Content.ContentVersion version) =>
        new(version.Title, version.Summary, version.Body, version.ContentNote, version.EffectiveOn, version.LastReviewedOn, version.NextReviewDueOn);
}
