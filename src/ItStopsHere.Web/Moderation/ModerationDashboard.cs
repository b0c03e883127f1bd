using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Moderation;

/// <summary>
/// Figures for the admin home page. The public ones come from <see cref="PledgeFeed"/> (memory); the
/// staff-only ones (queue size, last hour, busiest networks) are small indexed queries: Status+Id for the
/// queue, SignedAt+ClientHash (covering) for the last hour.
/// </summary>
public sealed class ModerationDashboard(AppDbContext db, PledgeFeed feed, TimeProvider clock)
{
    public const int TopNetworkCount = 5;

    public async Task<DashboardFigures> ReadAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = feed.Current;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(UkFormat.ToLondon(now).DateTime);
        var daily = feed.DailyCounts().ToDictionary(d => d.Day, d => d.Count);
        long Since(int days) => daily.Where(d => d.Key > today.AddDays(-days)).Sum(d => d.Value);

        var held = await db.Signatures.LongCountAsync(s => s.Status == SignatureStatus.Held, cancellationToken);
        var hourAgo = now.AddHours(-1);
        var lastHour = db.Signatures.Where(s => s.SignedAt >= hourAgo);
        var signedLastHour = await lastHour.LongCountAsync(cancellationToken);
        var top = await lastHour
            .Where(s => s.ClientHash != null)
            .GroupBy(s => s.ClientHash!)
            .Select(g => new { Hash = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count)
            .Take(TopNetworkCount)
            .ToListAsync(cancellationToken);

        var days = Enumerable.Range(0, 30).Select(i => today.AddDays(i - 29)).Select(d => (Day: d, Count: daily.GetValueOrDefault(d))).ToList();
        var max = Math.Max(1, days.Max(d => d.Count));
        const double slot = (double)DashboardFigures.ChartWidth / 30;
        var bars = days.Select((d, i) =>
        {
            var height = (DashboardFigures.ChartBottom - DashboardFigures.ChartTop) * (double)d.Count / max;
            return new DayBar(d.Day, d.Count, (i * slot) + 2, DashboardFigures.ChartBottom - height, height);
        }).ToList();

        return new DashboardFigures(
            snapshot.Total, snapshot.Count, snapshot.Offline, Since(1), Since(7), Since(30), held, signedLastHour,
            snapshot.ByType, snapshot.ByAction,
            top.Select(t => new NetworkActivity(t.Hash.Length >= 8 ? t.Hash[..8] : t.Hash, t.Count)).ToList(),
            bars);
    }
}
