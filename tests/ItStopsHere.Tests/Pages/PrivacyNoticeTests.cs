using ItStopsHere.Tests.Support;

namespace ItStopsHere.Tests.Pages;

/// <summary>The privacy notice states the numbers the retention jobs use, from the same configuration.</summary>
public class PrivacyNoticeTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Get_WithDefaults_StatesTheDefaultPeriods()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/privacy");

        Assert.Equal("30 days", document.GetElementById("keep-ip-hash").Text());
        Assert.Equal("7 days", document.GetElementById("keep-sent-email").Text());
        Assert.Equal("30 days", document.GetElementById("keep-failed-email").Text());
        Assert.Equal("14 days", document.GetElementById("keep-server-logs").Text());
        Assert.StartsWith("30 days after the campaign closes (the campaign has no closing date yet", document.GetElementById("keep-signer-email").Text(), StringComparison.Ordinal);
        // Without double opt-in there are no unconfirmed signatures to describe.
        Assert.Null(document.GetElementById("keep-unconfirmed"));
    }

    [Fact]
    public async Task Get_WithConfiguredRetention_StatesThoseNumbersAndTheDeletionDate()
    {
        await using var configured = new SiteFactory()
            .With("Privacy:IpHashRetentionDays", "45")
            .With("Privacy:SentEmailRetentionDays", "3")
            .With("Privacy:FailedEmailRetentionDays", "10")
            .With("Privacy:ServerLogRetentionDays", "21")
            .With("Privacy:SignerEmailRetentionAfterCampaignCloseDays", "60")
            .With("Campaign:ClosesOn", "2027-06-30")
            .With("Pledge:RequireEmailConfirmation", "true")
            .With("Pledge:UnconfirmedExpiryDays", "10");
        var client = configured.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/privacy");

        Assert.Equal("45 days", document.GetElementById("keep-ip-hash").Text());
        Assert.Equal("3 days", document.GetElementById("keep-sent-email").Text());
        Assert.Equal("10 days", document.GetElementById("keep-failed-email").Text());
        Assert.Equal("21 days", document.GetElementById("keep-server-logs").Text());
        Assert.Equal("60 days after the campaign closes, that is on Sunday 29 August 2027", document.GetElementById("keep-signer-email").Text());
        Assert.Equal("10 days", document.GetElementById("keep-unconfirmed").Text());
        var table = document.QuerySelectorAll("#how-long ~ .table-wrap tbody tr")
            .ToDictionary(row => row.QuerySelector("th").Text(), row => row.QuerySelector("td").Text());
        Assert.Equal("45 days", table["Scrambled internet address"]);
        Assert.Equal("10 days", table["A signature that is never confirmed"]);
        Assert.Equal("3 days", table["Record of an email sent to you"]);
        Assert.Contains("The campaign closes on Wednesday 30 June 2027.", document.QuerySelector("main").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SaysWhatIsStoredAndWhoCanSeeIt()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/privacy");

        var text = document.QuerySelector("main").Text();
        Assert.Contains("never shown on the site", text, StringComparison.Ordinal);
        Assert.Contains("We never store the address itself", text, StringComparison.Ordinal);
        Assert.Contains("does not record your IP address", text, StringComparison.Ordinal);
        Assert.Contains("Campaign moderators", text, StringComparison.Ordinal);
        Assert.Contains("Campaign admins", text, StringComparison.Ordinal);
        Assert.Contains(document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "mailto:itstopshere@example.ac.uk");
        foreach (var id in new[] { "data-name", "data-display", "data-affiliation", "data-email", "data-actions", "data-time", "data-ip", "data-link" })
        {
            Assert.NotNull(document.GetElementById(id));
        }
    }

    [Fact]
    public async Task Startup_WithClosingDateInTheWrongFormat_FailsSayingHowToWriteIt()
    {
        await using var misconfigured = new SiteFactory().With("Campaign:ClosesOn", "30/06/2027");

        var error = Assert.ThrowsAny<Exception>(() => misconfigured.Services);

        Assert.Contains("Campaign:ClosesOn must be a date written yyyy-MM-dd", error.ToString(), StringComparison.Ordinal);
    }
}
