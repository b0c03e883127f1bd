namespace ItStopsHere.Web.Content;

public enum ContentDiffKind
{
    Same,
    Removed,
    Added,
}
