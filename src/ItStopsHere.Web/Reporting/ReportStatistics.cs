using System.Globalization;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// Statistics for Case managers (<c>/cases/statistics</c>) and the public yearly summary
/// (<c>/report/summary</c>), from the readable columns only (route, categories, place, month, when the
/// report came and when it was first answered), of open and closed reports and of those the retention run
/// has deleted (<see cref="RetainedReportFacts"/>). Nothing is decrypted.
/// </summary>
public sealed class ReportStatistics(AppDbContext db)
{
    /// <summary>Figures for every report made in <paramref name="year"/> (London time), or for all time when null.</summary>
    public async Task<ReportFigures> FiguresAsync(int? year, CancellationToken cancellationToken)
    {
        var prefix = year?.ToString("0000", CultureInfo.InvariantCulture) + "-";
        var live = db.Reports.AsNoTracking();
        var kept = db.RetainedReportFacts.AsNoTracking();
        if (year is not null)
        {
            live = live.Where(r => r.Month.StartsWith(prefix));
            kept = kept.Where(r => r.Month.StartsWith(prefix));
        }

        var liveRows = await live.Select(r => new { r.Route, r.Categories, r.Place, r.Month, r.CreatedAt, r.FirstReplyAt }).ToListAsync(cancellationToken);
        var keptRows = await kept.Select(r => new { r.Route, r.Categories, r.Place, r.Month, r.FirstReplyMinutes }).ToListAsync(cancellationToken);
        var rows = liveRows
            .Select(r => new Row(r.Route, r.Categories, r.Place, r.Month, r.FirstReplyAt is { } at ? at - r.CreatedAt : null))
            .Concat(keptRows.Select(r => new Row(r.Route, r.Categories, r.Place, r.Month, r.FirstReplyMinutes is { } m ? TimeSpan.FromMinutes(m) : null)))
            .ToList();

        var replies = rows.Where(r => r.FirstReply is not null).Select(r => r.FirstReply!.Value).Order().ToList();
        return new ReportFigures(
            rows.Count,
            Enum.GetValues<ReportRoute>().ToDictionary(route => route, route => rows.Count(r => r.Route == route)),
            ReportChoices.Categories.Select(c => (c.Code, c.Label, rows.Count(r => r.Categories.Split(',').Contains(c.Code)))).ToList(),
            ReportChoices.Places.Select(p => (p.Code, p.Label, rows.Count(r => r.Place == p.Code))).ToList(),
            rows.GroupBy(r => r.Month).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList(),
            replies.Count,
            Median(replies));
    }

    /// <summary>The years (London time) in which reports were made, newest first.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken)
    {
        var months = await db.Reports.AsNoTracking().Select(r => r.Month).Distinct().ToListAsync(cancellationToken);
        months.AddRange(await db.RetainedReportFacts.AsNoTracking().Select(r => r.Month).Distinct().ToListAsync(cancellationToken));
        return months
            .Select(m => int.TryParse(m.AsSpan(0, Math.Min(4, m.Length)), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0)
            .Where(y => y > 0)
            .Distinct()
            .OrderDescending()
            .ToList();
    }

    /// <summary>The middle value (the mean of the two middle values for an even count); null when there are none.</summary>
    public static TimeSpan? Median(IReadOnlyList<TimeSpan> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>"3 hours", "2 days": a duration for people.</summary>
    public static string Describe(TimeSpan duration)
    {
        if (duration.TotalDays >= 2)
        {
            return FormattableString.Invariant($"{duration.TotalDays:0.#} days");
        }

        var hours = (int)Math.Round(duration.TotalHours);
        if (duration.TotalMinutes >= 59.5)
        {
            return hours == 1 ? "1 hour" : FormattableString.Invariant($"{hours} hours");
        }

        var minutes = Math.Max(1, (int)Math.Round(duration.TotalMinutes));
        return minutes == 1 ? "1 minute" : FormattableString.Invariant($"{minutes} minutes");
    }

    /// <summary>"December 2026" for <c>2026-12</c>.</summary>
    public static string MonthName(string month) =>
        DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))
            : month;

    private sealed record Row(ReportRoute Route, string Categories, string Place, string Month, TimeSpan? FirstReply);
}
