namespace ItStopsHere.Web.Content;

/// <summary>
/// A structured list that is part of an editable page (see <see cref="ContentListCatalog"/>): which page it
/// belongs to, and which of an item's parts (name, role, text) it has, with their labels in the editor.
/// </summary>
public sealed record ContentListDefinition(
    string Key,
    string PageSlug,
    string Name,
    string ItemName,
    string NameLabel,
    string NameHint,
    string? RoleLabel = null,
    bool RoleRequired = false,
    string? TextLabel = null,
    string? TextHint = null,
    bool TextIsMarkdown = false)
{
    public const int NameMaxLength = 150;
    public const int RoleMaxLength = 200;
    public const int TextMaxLength = 2000;
    public const int MaxItems = 60;

    public bool HasRole => RoleLabel is not null;

    public bool HasText => TextLabel is not null;

    public string EditPath => $"/admin/pages/lists/{Key}";
}
