using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// Deletes closed reports (crypto-shredding, as "delete my report" does) once they have been closed for
/// <see cref="ReportingOptions.AnonymousRetentionMonthsAfterClose"/> or <see cref="ReportingOptions.NamedRetentionMonthsAfterClose"/>
/// months; the report page and the privacy notice state the same numbers (<see cref="ReportingOptions.RetentionStatement"/>).
/// Statistics are kept: each report's coarse facts (route, categories, place, month, minutes to the first
/// reply) are copied to <see cref="RetainedReportFacts"/>, unlinked from the report, in the same transaction.
/// </summary>
public sealed class ReportRetentionJob(AppDbContext db, AuditLog audit, IOptions<ReportingOptions> options) : IRetentionJob
{
    public string Name => "reports";

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var anonymousBefore = now.AddMonths(-options.Value.AnonymousRetentionMonthsAfterClose);
        var namedBefore = now.AddMonths(-options.Value.NamedRetentionMonthsAfterClose);
        var rows = await db.Reports.AsNoTracking()
            .Where(r => r.State == ReportState.Closed && r.ClosedAt != null
                && ((r.Route == ReportRoute.Anonymous && r.ClosedAt < anonymousBefore) || (r.Route == ReportRoute.Named && r.ClosedAt < namedBefore)))
            .Select(r => new { r.Id, r.Route, r.Categories, r.Place, r.Month, r.CreatedAt, r.FirstReplyAt })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        var due = rows.Select(r => r.Id).ToList();
        db.RetainedReportFacts.AddRange(rows.Select(r => new RetainedReportFacts
        {
            Route = r.Route,
            Categories = r.Categories,
            Place = r.Place,
            Month = r.Month,
            FirstReplyMinutes = r.FirstReplyAt is { } at ? (int)Math.Max(0, Math.Round((at - r.CreatedAt).TotalMinutes)) : null,
        }));
        foreach (var id in due)
        {
            await audit.RecordAsync(AuditActions.ReportDeleted, "Report", id.ToString("D"), "Retention period after closing", new AuditActor(null, "retention"), cancellationToken);
        }

        var deleted = await ReportShredder.ShredAsync(db, due, cancellationToken, saveChangesWithin: true);
        return deleted;
    }
}
