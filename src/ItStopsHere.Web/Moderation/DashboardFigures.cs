using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Moderation;

/// <summary>The dashboard's figures at one moment.</summary>
public sealed record DashboardFigures(
    long Total,
    long Published,
    long Offline,
    long Today,
    long Last7Days,
    long Last30Days,
    long Held,
    long SignedLastHour,
    IReadOnlyDictionary<SignatoryType, long> ByType,
    IReadOnlyDictionary<PledgeActions, long> ByAction,
    IReadOnlyList<NetworkActivity> TopNetworks,
    IReadOnlyList<DayBar> Days)
{
    public const int ChartWidth = 600;
    public const int ChartHeight = 180;
    public const int ChartBottom = 150;
    public const int ChartTop = 10;

    public long MaxDay => Days.Count == 0 ? 0 : Days.Max(d => d.Count);

    public static string Svg(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
