using ItStopsHere.Web.Data.Content;

namespace ItStopsHere.Web.Content;

/// <summary>Settings for editable pages (configuration section <c>ContentPages</c>).</summary>
public sealed class ContentPageOptions
{
    public const string Section = "ContentPages";

    /// <summary>
    /// How long a version that is no longer current stays readable in the page's public history. Never less
    /// than <see cref="ContentVersionSchema.MinimumKeepYears"/> (the database refuses earlier deletion anyway).
    /// </summary>
    public int KeepOldVersionsYears { get; set; } = ContentVersionSchema.MinimumKeepYears;

    /// <summary>
    /// A help line or impact figure whose "checked on" day is more than this many months ago is listed on
    /// the staff dashboard as due for checking (1 to 60).
    /// </summary>
    public int StaleFactMonths { get; set; } = 6;

    public int EffectiveKeepYears => Math.Max(KeepOldVersionsYears, ContentVersionSchema.MinimumKeepYears);
}
