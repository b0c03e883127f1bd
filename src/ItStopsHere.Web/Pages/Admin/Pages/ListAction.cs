namespace ItStopsHere.Web.Pages.Admin.Pages;

/// <summary>What a post to the list editor does.</summary>
public enum ListAction
{
    Save,
    Move,
    Remove,
    Publish,
}
