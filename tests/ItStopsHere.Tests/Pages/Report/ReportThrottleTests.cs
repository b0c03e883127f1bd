using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Reporting;

namespace ItStopsHere.Tests.Pages.Report;

/// <summary>Limits sized for a person: a few reports an hour per client; wrong codes slowed per client, per code and site-wide.</summary>
public sealed class ReportThrottleTests : IDisposable
{
    private readonly SiteFactory _factory = new SiteFactory()
        .With("Reporting:ReportsPerHourPerClient", "2")
        .With("Reporting:WrongCodesBeforeDelay", "3")
        .WithClientAddresses();

    public void Dispose() => _factory.Dispose();

    private static string WrongCode() => AccessCode.Create();

    [Fact]
    public async Task WrongCodes_AreRefused_ThenSlowedForThatClient_EvenWithTheRightCode_ButNotForOthers()
    {
        var reporter = _factory.ClientFrom("192.0.2.10");
        var code = await reporter.ReportAnonymouslyAsync("throttle story");

        var guesser = _factory.ClientFrom("198.51.100.7");
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await guesser.EnterCodeAsync(WrongCode());
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("does not open a report", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var slowed = await guesser.EnterCodeAsync(code))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
            Assert.Contains("Wait 15 minutes", await slowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var fine = await _factory.ClientFrom("203.0.113.5").EnterCodeAsync(code);
        Assert.Equal(HttpStatusCode.Redirect, fine.StatusCode);
    }

    [Fact]
    public async Task TheSameWrongCode_FromManyClients_IsSlowedPerCode()
    {
        var code = WrongCode();
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await _factory.ClientFrom($"192.0.2.{100 + i}").EnterCodeAsync(code);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var slowed = await _factory.ClientFrom("192.0.2.200").EnterCodeAsync(code);
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
    }

    [Fact]
    public async Task Reports_PastTheHourlyLimit_AreRefusedWith429_AndNothingIsStored()
    {
        var client = _factory.ClientFrom("192.0.2.50");
        await client.ReportAnonymouslyAsync("one");
        await client.ReportAnonymouslyAsync("two");
        var before = await _factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Reports));

        using var third = await client.SubmitAsync(await ReportTestSupport.FormAsync(client, "/report/new?route=anonymous"), ReportTestSupport.Answers("three"));

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("three", (await third.ReadHtmlAsync()).QuerySelector("textarea[name='Input.Story']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await _factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Reports)));
        await _factory.ClientFrom("192.0.2.51").ReportAnonymouslyAsync("another person");
    }
}
