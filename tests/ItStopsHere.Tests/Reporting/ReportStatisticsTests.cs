using ItStopsHere.Web.Reporting;

namespace ItStopsHere.Tests.Reporting;

/// <summary>The arithmetic behind the statistics: the median, and how the public summary hides small numbers.</summary>
public class ReportStatisticsTests
{
    [Theory]
    [InlineData(0, "none")]
    [InlineData(1, "fewer than 5")]
    [InlineData(4, "fewer than 5")]
    [InlineData(5, "5")]
    [InlineData(7, "5")]
    [InlineData(8, "10")]
    [InlineData(12, "10")]
    [InlineData(13, "15")]
    [InlineData(1234, "1,235")]
    public void SmallNumbers_HidesOneToFour_AndRoundsTheRestToFive(int count, string shown) =>
        Assert.Equal(shown, SmallNumbers.Show(count));

    [Fact]
    public void SmallNumbers_ATotalMinusTheShownParts_NeverGivesAHiddenNumberExactly()
    {
        // 10 reports: 7 on campus, 3 elsewhere. Exact totals would give away the 3 (10 - 7).
        var total = SmallNumbers.Show(10);
        var campus = SmallNumbers.Show(7);
        var elsewhere = SmallNumbers.Show(3);
        Assert.Equal("fewer than 5", elsewhere);
        Assert.Equal(("10", "5"), (total, campus));

        // Whatever the true numbers, every shown number is a multiple of 5 (or "fewer than 5"), so a
        // difference of shown numbers is a multiple of 5 too and can never name a count from 1 to 4.
        for (var n = 0; n < 200; n++)
        {
            var shown = SmallNumbers.Show(n);
            Assert.True(shown is "none" or "fewer than 5" || int.Parse(shown, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.GetCultureInfo("en-GB")) % 5 == 0, shown);
        }
    }

    [Fact]
    public void Median_OfOddAndEvenCounts()
    {
        Assert.Null(ReportStatistics.Median([]));
        Assert.Equal(TimeSpan.FromHours(2), ReportStatistics.Median([TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromDays(9)]));
        Assert.Equal(TimeSpan.FromHours(3), ReportStatistics.Median([TimeSpan.FromHours(2), TimeSpan.FromHours(4)]));
    }

    [Theory]
    [InlineData(0.5, "1 minute")]
    [InlineData(45, "45 minutes")]
    [InlineData(60, "1 hour")]
    [InlineData(180, "3 hours")]
    [InlineData(4320, "3 days")]
    public void Describe_SaysADurationInWords(double minutes, string words) =>
        Assert.Equal(words, ReportStatistics.Describe(TimeSpan.FromMinutes(minutes)));
}
