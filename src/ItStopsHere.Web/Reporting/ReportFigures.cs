using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// Counts of reports, from their readable coarse facts only (never decrypted): by route, form of
/// harassment (a report may tick several, so these add up to more than <see cref="Total"/>), place and
/// month, and the time to an adviser's first reply.
/// </summary>
public sealed record ReportFigures(
    int Total,
    IReadOnlyDictionary<ReportRoute, int> ByRoute,
    IReadOnlyList<(string Code, string Label, int Count)> ByCategory,
    IReadOnlyList<(string Code, string Label, int Count)> ByPlace,
    IReadOnlyList<(string Month, int Count)> ByMonth,
    int Replied,
    TimeSpan? MedianFirstReply);
