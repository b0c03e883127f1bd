namespace ItStopsHere.Web.Data.Content;

/// <summary>Where a <see cref="ContentVersion"/> is in its life. Stored as text.</summary>
public enum ContentVersionState
{
    /// <summary>Being written; at most one per page; only staff see it; may be changed or thrown away.</summary>
    Draft,

    /// <summary>Numbered and rendered, waiting for its time; may still be cancelled (it becomes the draft again).</summary>
    Scheduled,

    /// <summary>On the record for good: the database refuses to change it, or to delete it while it is young.</summary>
    Published,
}
