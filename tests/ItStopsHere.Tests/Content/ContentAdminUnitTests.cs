using ItStopsHere.Web.Content;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Pages.Admin.News;

namespace ItStopsHere.Tests.Content;

public class ContentAdminUnitTests
{
    [Theory]
    [InlineData("Thank you for visiting us at the Welcome Fair", "thank-you-for-visiting-us-at-the-welcome-fair")]
    [InlineData("Screening & Q&A: Zoë's film!", "screening-and-q-and-a-zoes-film")]
    [InlineData("  --Spaces,   dashes -- and PUNCTUATION...  ", "spaces-dashes-and-punctuation")]
    [InlineData("Café crème brûlée", "cafe-creme-brulee")]
    [InlineData("2025/26: week 1", "2025-26-week-1")]
    [InlineData("!!!", "news")]
    [InlineData("日本語", "news")]
    public void Slug_FromTitle_IsLowerCaseWordsJoinedByHyphens(string title, string slug)
    {
        Assert.Equal(slug, NewsSlugs.FromTitle(title));
        Assert.True(NewsSlugs.IsWellFormed(slug));
    }

    [Fact]
    public void Slug_FromAVeryLongTitle_IsCutAtAWordAndLeavesRoomForANumber()
    {
        var slug = NewsSlugs.FromTitle(string.Join(' ', Enumerable.Repeat("harassment", 30)));

        Assert.True(slug.Length <= NewsSlugs.MaxLength - 10);
        Assert.EndsWith("harassment", slug, StringComparison.Ordinal);
        Assert.True(NewsSlugs.IsWellFormed(slug + "-99"));
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("two--hyphens")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("with space")]
    [InlineData("dot.ics")]
    [InlineData("")]
    public void Slug_Malformed_IsRefused(string slug) => Assert.False(NewsSlugs.IsWellFormed(slug));

    [Fact]
    public void LondonTime_InSummerAndWinter_BecomesTheRightInstant()
    {
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 17, 0, 0, TimeSpan.Zero), LondonTime.Combine("2026-07-01", "18:00"));
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 18, 0, 0, TimeSpan.Zero), LondonTime.Combine("15/1/2026", "18.00"));
    }

    [Fact]
    public void LondonTime_WhenTheClocksGoForward_TheSkippedHourDoesNotExist()
    {
        Assert.Null(LondonTime.Combine("2026-03-29", "01:30"));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), LondonTime.Combine("2026-03-29", "02:00"));
    }

    [Fact]
    public void LondonTime_WhenTheClocksGoBack_TheRepeatedHourMeansTheFirst()
    {
        // 01:30 happens twice on 25 October 2026: first in summer time (00:30 UTC), then in GMT (01:30 UTC).
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), LondonTime.Combine("2026-10-25", "01:30"));
    }

    [Theory]
    [InlineData("2026-02-30", "10:00")]
    [InlineData("yesterday", "10:00")]
    [InlineData("2026-02-03", "25:00")]
    [InlineData("2026-02-03", "")]
    public void LondonTime_NotARealDateOrTime_IsNull(string date, string time) => Assert.Null(LondonTime.Combine(date, time));

    [Fact]
    public void LondonTime_RoundTripsThroughTheFormValues()
    {
        var instant = new DateTimeOffset(2026, 6, 5, 8, 15, 0, TimeSpan.Zero);

        Assert.Equal("2026-06-05", LondonTime.DateValue(instant));
        Assert.Equal("09:15", LondonTime.TimeValue(instant));
        Assert.Equal(instant, LondonTime.Combine(LondonTime.DateValue(instant), LondonTime.TimeValue(instant)));
    }

    [Fact]
    public void CampaignSettings_Overrides_AreAppliedByKey_AndAnEmptiedStatisticIsLeftOut()
    {
        var options = new CampaignOptions
        {
            ContactEmail = "configured@example.ac.uk",
            Statistics =
            [
                new() { Figure = "1%", Statement = "one", Source = "A" },
                new() { Figure = "2%", Statement = "two", Source = "B" },
                new() { Figure = "3%", Statement = "three", Source = "C" },
            ],
        };
        var overrides = new Dictionary<string, string>
        {
            ["Campaign:ContactEmail"] = "saved@example.ac.uk",
            ["Campaign:Statistics:1:Figure"] = "",
            ["Campaign:Statistics:1:Statement"] = "",
            ["Campaign:Statistics:1:Source"] = "",
            ["Campaign:Statistics:2:Figure"] = "30%",
            ["Campaign:SiteUrl"] = "https://not-editable.example",
        };

        CampaignSettingsStore.Apply(options, overrides);

        Assert.Equal("saved@example.ac.uk", options.ContactEmail);
        Assert.Equal(["1%", "30%"], options.Statistics.Select(s => s.Figure).ToList());
        Assert.NotEqual("https://not-editable.example", options.SiteUrl);
        Assert.Null(CampaignSettingFields.Find("Campaign:Statistics:99:Figure"));
    }
}
