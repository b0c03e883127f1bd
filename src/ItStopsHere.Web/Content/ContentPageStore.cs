using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>
/// Reads editable pages as visitors see them. A version is live once it is published, or once its
/// scheduled time has come (so a scheduled version appears at its time without anything having to run
/// then); the current version is the live one with the highest number. Read-only, no tracking.
/// </summary>
public sealed class ContentPageStore(AppDbContext db, TimeProvider clock)
{
    /// <summary>The versions visitors may read: published, or scheduled and due.</summary>
    public IQueryable<ContentVersion> Live(string slug)
    {
        var now = clock.GetUtcNow();
        return db.ContentVersions.AsNoTracking()
            .Where(v => v.Page.Slug == slug && v.Number != null && v.PublishedAt <= now
                && (v.State == ContentVersionState.Published || v.State == ContentVersionState.Scheduled));
    }

    public Task<ContentVersion?> CurrentAsync(string slug, CancellationToken cancellationToken = default) =>
        Live(slug).OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Every live version, newest first.</summary>
    public Task<List<ContentVersion>> HistoryAsync(string slug, CancellationToken cancellationToken = default) =>
        Live(slug).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);

    public Task<ContentVersion?> VersionAsync(string slug, int number, CancellationToken cancellationToken = default) =>
        Live(slug).FirstOrDefaultAsync(v => v.Number == number, cancellationToken);
}
