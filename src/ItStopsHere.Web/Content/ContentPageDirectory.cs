using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>
/// Finds an editable page's entry by its slug: a campaign page from <see cref="ContentPageCatalog"/>, or a
/// policy (<c>policies/...</c>) from the database, named by its newest title. Also the policies' own queries:
/// the public index and the reviews that are due.
/// </summary>
public sealed class ContentPageDirectory(AppDbContext db, TimeProvider clock)
{
    public const string PolicyPrefix = "policies/";

    /// <summary>The slug of a page reached at <paramref name="path"/> with <paramref name="suffix"/> (e.g. "/history") cut off its end.</summary>
    public static string SlugFrom(PathString path, string suffix)
    {
        var value = (path.Value ?? "").TrimEnd('/');
        if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            value = value[..^suffix.Length];
        }

        return value.Trim('/').ToLowerInvariant();
    }

    public async Task<ContentPageEntry?> FindAsync(string? slug, CancellationToken cancellationToken = default)
    {
        if (ContentPageCatalog.Find(slug) is { } entry)
        {
            return entry;
        }

        if (slug is null || !slug.StartsWith(PolicyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var newest = await db.ContentVersions.AsNoTracking()
            .Where(v => v.Page.Slug == slug && v.Page.Kind == ContentPageKinds.Policy)
            .OrderByDescending(v => v.Number ?? int.MaxValue)
            .Select(v => new { v.Title, v.Summary })
            .FirstOrDefaultAsync(cancellationToken);
        return newest is null ? null : new ContentPageEntry(slug, newest.Title, newest.Summary, "/policies", "All policies");
    }

    /// <summary>Each policy's current version (published, or scheduled and due), by title.</summary>
    public async Task<List<ContentVersion>> CurrentPoliciesAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var live = await db.ContentVersions.AsNoTracking().Include(v => v.Page)
            .Where(v => v.Page.Kind == ContentPageKinds.Policy && v.Number != null && v.PublishedAt <= now
                && (v.State == ContentVersionState.Published || v.State == ContentVersionState.Scheduled))
            .ToListAsync(cancellationToken);
        return live.GroupBy(v => v.PageId).Select(g => g.MaxBy(v => v.Number)!)
            .OrderBy(v => v.Title, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>The policies whose next review is due today (London) or earlier, most overdue first.</summary>
    public async Task<List<ContentVersion>> ReviewsDueAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(Infrastructure.UkFormat.ToLondon(clock.GetUtcNow()).DateTime);
        return (await CurrentPoliciesAsync(cancellationToken))
            .Where(v => v.NextReviewDueOn is { } due && due <= today)
            .OrderBy(v => v.NextReviewDueOn).ToList();
    }
}
