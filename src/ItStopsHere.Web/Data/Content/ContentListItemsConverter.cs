using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data.Content;

/// <summary>Stores a version's <see cref="ContentListItem"/>s as one JSON text column (empty list: an empty array).</summary>
public sealed class ContentListItemsConverter() : ValueConverter<List<ContentListItem>, string>(
    items => JsonSerializer.Serialize(items, JsonSerializerOptions.Web),
    json => string.IsNullOrEmpty(json) ? new List<ContentListItem>() : JsonSerializer.Deserialize<List<ContentListItem>>(json, JsonSerializerOptions.Web) ?? new List<ContentListItem>())
{
    /// <summary>Compares the lists item by item (the items are records), so replacing a list with an equal one is no change.</summary>
    public static ValueComparer<List<ContentListItem>> Comparer { get; } = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        items => items.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode())),
        items => items.ToList());
}
