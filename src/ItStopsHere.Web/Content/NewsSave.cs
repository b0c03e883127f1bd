using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>The outcome of saving an item: done, or a problem with one field, in words for the Admin.</summary>
public sealed record NewsSave(NewsItem? Item, string? ErrorField = null, string? Error = null, bool Unchanged = false)
{
    public bool Succeeded => Item is not null;
}
