using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// Deletes closed reports (crypto-shredding, as "delete my report" does) once they have been closed for
/// <see cref="ReportingOptions.AnonymousRetentionMonthsAfterClose"/> or <see cref="ReportingOptions.NamedRetentionMonthsAfterClose"/>
/// months; the report page and the privacy notice state the same numbers. Statistics kept: none are derived from deleted rows.
/// </summary>
public sealed class ReportRetentionJob(AppDbContext db, AuditLog audit, IOptions<ReportingOptions> options) : IRetentionJob
{
    public string Name => "reports";

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var anonymousBefore = now.AddMonths(-options.Value.AnonymousRetentionMonthsAfterClose);
        var namedBefore = now.AddMonths(-options.Value.NamedRetentionMonthsAfterClose);
        var due = await db.Reports.AsNoTracking()
            .Where(r => r.State == ReportState.Closed && r.ClosedAt != null
                && ((r.Route == ReportRoute.Anonymous && r.ClosedAt < anonymousBefore) || (r.Route == ReportRoute.Named && r.ClosedAt < namedBefore)))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var deleted = await ReportShredder.ShredAsync(db, due, cancellationToken);
        foreach (var id in due)
        {
            await audit.RecordAsync(AuditActions.ReportDeleted, "Report", id.ToString("D"), "Retention period after closing", new AuditActor(null, "retention"), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return deleted;
    }
}
