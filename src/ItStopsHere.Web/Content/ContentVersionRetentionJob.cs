using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Content;

/// <summary>
/// Removes old page versions once their keeping time is over (<see cref="ContentPageOptions.KeepOldVersionsYears"/>,
/// at least 3 years). It only ever removes a version that is older than that AND not its page's current
/// version; the numbers of the versions that remain do not change.
/// </summary>
public sealed class ContentVersionRetentionJob(AppDbContext db, AuditLog audit, IOptions<ContentPageOptions> options) : IRetentionJob
{
    public string Name => "page-versions";

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now.AddYears(-options.Value.EffectiveKeepYears);
        var removed = 0;
        var pages = await db.ContentPages.Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var pageId in pages)
        {
            var current = await db.ContentVersions
                .Where(v => v.PageId == pageId && v.State == ContentVersionState.Published && v.PublishedAt <= now)
                .MaxAsync(v => v.Number, cancellationToken);
            if (current is null)
            {
                continue;
            }

            var count = await db.ContentVersions
                .Where(v => v.PageId == pageId && v.State == ContentVersionState.Published && v.Number < current && v.PublishedAt < cutoff)
                .ExecuteDeleteAsync(cancellationToken);
            if (count > 0)
            {
                await audit.RecordAsync(AuditActions.PageVersionsRemoved, ContentPageEditor.RecordType, pageId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"{count} versions published before {cutoff:yyyy-MM-dd}", AuditActor.CommandLine, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                removed += count;
            }
        }

        return removed;
    }
}
