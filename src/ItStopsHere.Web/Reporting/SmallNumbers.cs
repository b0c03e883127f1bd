using System.Globalization;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// How the public summary shows a count so that no one can be picked out: 1 to 4 shows as "fewer than 5",
/// and every other number, totals included, is rounded to the nearest 5. Rounding the totals too is what
/// stops a hidden small number being worked out by subtracting the others from the total (10 reports, 7 of
/// them on campus: the "fewer than 5" elsewhere would be exactly 3).
/// </summary>
public static class SmallNumbers
{
    public const int Threshold = 5;

    public const string FewerThanThreshold = "fewer than 5";

    public static string Show(int count) =>
        count switch
        {
            <= 0 => "none",
            < Threshold => FewerThanThreshold,
            _ => RoundToFive(count).ToString("N0", CultureInfo.GetCultureInfo("en-GB")),
        };

    /// <summary>To the nearest multiple of 5, halves up (7 → 5, 8 → 10); never below 5 for a count of 5 or more.</summary>
    public static int RoundToFive(int count) => Math.Max(Threshold, (int)Math.Round(count / 5.0, MidpointRounding.AwayFromZero) * 5);
}
