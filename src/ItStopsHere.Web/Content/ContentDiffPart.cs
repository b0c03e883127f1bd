namespace ItStopsHere.Web.Content;

/// <summary>A run of words in a <see cref="ContentDiff"/>.</summary>
public sealed record ContentDiffPart(ContentDiffKind Kind, string Text);
