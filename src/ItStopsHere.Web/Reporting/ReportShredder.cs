using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// Destroys reports: the wrapped key rows first, then messages, reports and any email about them, in
/// one transaction with SQLite's <c>secure_delete</c> on, so the freed pages are overwritten with zeros
/// rather than left in the file; then the write-ahead log is checkpointed, so the old pages leave it too.
/// Without its key a report's ciphertext (in this file or in any copy of it) cannot be read.
/// </summary>
public static class ReportShredder
{
    /// <param name="saveChangesWithin">Also save <paramref name="db"/>'s pending changes (e.g. audit entries, retained statistics) in the same transaction.</param>
    public static async Task<int> ShredAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken, bool saveChangesWithin = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return 0;
        }

        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete=ON;", cancellationToken);
            }

            int deleted;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await db.ReportKeys.Where(k => ids.Contains(k.ReportId)).ExecuteDeleteAsync(cancellationToken);
                await db.ReportMessages.Where(m => ids.Contains(m.ReportId)).ExecuteDeleteAsync(cancellationToken);
                var references = ids.Select(ReportNotifications.Reference).ToList();
                await db.OutboxMessages.Where(m => m.Reference != null && references.Contains(m.Reference)).ExecuteDeleteAsync(cancellationToken);
                deleted = await db.Reports.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
                if (saveChangesWithin)
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete=OFF;", cancellationToken);
                // Best effort: a reader holding an old snapshot can keep pages in the log until the next checkpoint.
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            }

            return deleted;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
