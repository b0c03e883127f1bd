using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ItStopsHere.Web.Pages.Admin.Pages;

/// <summary>
/// What the list editor's forms send: an item's parts (to add or change it), which item and which way
/// (to move or remove it), or the "what changed" line (to publish), always with the page's revision.
/// </summary>
public class ListItemInput
{
    /// <summary>Which item (0 is the first) to change, move or remove; none to add one.</summary>
    public int? Index { get; set; }

    public string? Name { get; set; }

    public string? Role { get; set; }

    public string? Text { get; set; }

    public MoveDirection? Direction { get; set; }

    public string? ChangeNote { get; set; }

    /// <summary>The page's <see cref="ContentPage.Revision"/> when the form was opened.</summary>
    public int Revision { get; set; }

    /// <summary>Set by the page: what is being done, which decides what is required.</summary>
    [BindNever]
    public ListAction Action { get; set; }

    /// <summary>Set by the page: the list's parts and which are required.</summary>
    [BindNever]
    public ContentListDefinition Definition { get; set; } = ContentListCatalog.All[0];

    public ContentListItem ToItem() => new()
    {
        List = Definition.Key,
        Name = (Name ?? "").Trim(),
        Role = Definition.HasRole && !string.IsNullOrWhiteSpace(Role) ? Role.Trim() : null,
        Text = Definition.HasText && !string.IsNullOrWhiteSpace(Text) ? Text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() : null,
    };
}
