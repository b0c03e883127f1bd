using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data.Content;

/// <summary>The queries the myth-busters page and the admin list share, so they agree on the order.</summary>
public static class MythQueries
{
    public static IQueryable<Myth> InOrder(this IQueryable<Myth> myths) =>
        myths.OrderBy(m => m.SortOrder).ThenBy(m => m.Id);

    /// <summary>The myths the public page shows.</summary>
    public static IQueryable<Myth> Shown(this IQueryable<Myth> myths) =>
        myths.Where(m => !m.IsHidden);
}
