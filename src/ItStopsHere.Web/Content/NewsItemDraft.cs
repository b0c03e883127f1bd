using ItStopsHere.Web.Data.Content;

namespace ItStopsHere.Web.Content;

/// <summary>
/// A news item as an Admin wrote it, before it is saved: what <see cref="NewsEditor"/> saves and
/// <see cref="NewsPreview"/> shows. The admin form's input maps to it once it has read the dates and times.
/// </summary>
/// <param name="Slug">The web address asked for; empty: made from the title.</param>
/// <param name="StartsAt">When the event starts; null for plain news.</param>
/// <param name="EndsAt">When the event ends, if it says.</param>
public sealed record NewsItemDraft(
    string Title,
    string? Slug,
    string Summary,
    string Body,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? Location,
    string? ExternalUrl)
{
    /// <summary>Copies the (validated) draft onto <paramref name="item"/>, with the address it is to have.</summary>
    public void ApplyTo(NewsItem item, string slug)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.Title = Title.Trim();
        item.Slug = slug;
        item.Summary = Summary.Trim();
        item.Body = Body.Trim();
        item.StartsAt = StartsAt;
        item.EndsAt = item.StartsAt is null ? null : EndsAt;
        item.Location = Blank(Location);
        item.ExternalUrl = Blank(ExternalUrl);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
