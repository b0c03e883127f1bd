using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Tests.Infrastructure;

public class UkFormatTests
{
    [Fact]
    public void Number_UsesThousandsSeparators() => Assert.Equal("1,088", UkFormat.Number(1088));

    [Fact]
    public void ShortDate_InSummerTime_IsLondonDate()
    {
        // 23:30 UTC on 27 April is 00:30 on 28 April in London (BST).
        Assert.Equal("28 Apr 2016", UkFormat.ShortDate(new DateTimeOffset(2016, 4, 27, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Time_InWinter_IsGmt() =>
        Assert.Equal("18:00", UkFormat.Time(new DateTimeOffset(2015, 12, 3, 18, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void LongDate_IsWrittenOut() =>
        Assert.Equal("Tuesday 20 October 2015", UkFormat.LongDate(new DateTimeOffset(2015, 10, 20, 17, 0, 0, TimeSpan.Zero)));
}
