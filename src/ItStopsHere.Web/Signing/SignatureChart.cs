using System.Globalization;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// The signatures-over-time chart: published signatures per day or per month (whichever suits the
/// span) and the running total, laid out for a server-rendered SVG with a table alternative.
/// </summary>
public sealed class SignatureChart
{
    public const int Width = 640;
    public const int Height = 260;
    public const int Left = 56;
    public const int Right = 16;
    public const int Top = 16;
    public const int Bottom = 40;

    private SignatureChart(IReadOnlyList<Period> periods, bool monthly)
    {
        Periods = periods;
        IsMonthly = monthly;
        Max = periods.Count == 0 ? 0 : periods[^1].Total;
        AxisMax = NiceCeiling(Max);
    }

    public sealed record Period(DateOnly Start, string Label, long Added, long Total);

    public IReadOnlyList<Period> Periods { get; }

    public bool IsMonthly { get; }

    public long Max { get; }

    public long AxisMax { get; }

    public string PeriodName => IsMonthly ? "Month" : "Day";

    /// <summary>Daily counts (London dates) bucketed by day when they span up to about two months, otherwise by month.</summary>
    public static SignatureChart From(IReadOnlyList<(DateOnly Day, long Count)> daily)
    {
        if (daily.Count == 0)
        {
            return new SignatureChart([], false);
        }

        var first = daily[0].Day;
        var last = daily[^1].Day;
        var monthly = last.DayNumber - first.DayNumber > 62;
        var buckets = new SortedDictionary<DateOnly, long>();
        if (monthly)
        {
            for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
            {
                buckets[month] = 0;
            }

            foreach (var (day, count) in daily)
            {
                buckets[new DateOnly(day.Year, day.Month, 1)] += count;
            }
        }
        else
        {
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                buckets[day] = 0;
            }

            foreach (var (day, count) in daily)
            {
                buckets[day] += count;
            }
        }

        long total = 0;
        var periods = buckets.Select(b =>
        {
            total += b.Value;
            var label = b.Key.ToString(monthly ? "MMM yyyy" : "d MMM yyyy", UkFormat.Culture);
            return new Period(b.Key, label, b.Value, total);
        }).ToList();
        return new SignatureChart(periods, monthly);
    }

    public double X(int index) =>
        Periods.Count <= 1 ? Left + (Width - Left - Right) / 2.0 : Left + index * (Width - Left - Right) / (double)(Periods.Count - 1);

    public double Y(long value) =>
        AxisMax == 0 ? Height - Bottom : Height - Bottom - value * (Height - Top - Bottom) / (double)AxisMax;

    /// <summary>The running total as an SVG polyline.</summary>
    public string LinePoints() =>
        string.Join(' ', Periods.Select((p, i) => Point(X(i), Y(p.Total))));

    /// <summary>The area under the running total, closed along the axis.</summary>
    public string AreaPoints() =>
        Periods.Count == 0 ? "" : $"{Point(X(0), Y(0))} {LinePoints()} {Point(X(Periods.Count - 1), Y(0))}";

    /// <summary>Gridlines: zero, half and the top of the axis.</summary>
    public IEnumerable<(double Y, string Label)> Gridlines() =>
        new[] { 0L, AxisMax / 2, AxisMax }.Distinct().Select(v => (Y(v), UkFormat.Number(v)));

    /// <summary>Up to three labels along the bottom: first, middle and last period.</summary>
    public IEnumerable<(double X, string Label, string Anchor)> AxisLabels()
    {
        if (Periods.Count == 0)
        {
            yield break;
        }

        yield return (X(0), Periods[0].Label, Periods.Count == 1 ? "middle" : "start");
        if (Periods.Count > 2)
        {
            var middle = Periods.Count / 2;
            yield return (X(middle), Periods[middle].Label, "middle");
        }

        if (Periods.Count > 1)
        {
            yield return (X(Periods.Count - 1), Periods[^1].Label, "end");
        }
    }

    private static string Point(double x, double y) =>
        string.Create(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#}");

    private static long NiceCeiling(long value)
    {
        if (value <= 10)
        {
            return 10;
        }

        var magnitude = (long)Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 5, 10 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
