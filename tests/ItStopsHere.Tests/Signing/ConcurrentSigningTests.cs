using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;

namespace ItStopsHere.Tests.Signing;

public class ConcurrentSigningTests
{
    [Fact]
    public async Task Post_500ConcurrentSignings_StoresEachOnceWithNumbers1To500()
    {
        await using var factory = new PledgeSiteFactory();
        var client = factory.CreateBrowserLikeClient();
        // A form signs once: one page load per signer, as 500 people would each have.
        // The first page load sets the antiforgery cookie that all the forms then share.
        IHtmlFormElement[] forms = [await client.GetPledgeFormAsync(), .. await Task.WhenAll(Enumerable.Range(2, 499).Select(_ => client.GetPledgeFormAsync()))];

        var responses = await Task.WhenAll(Enumerable.Range(1, 500).Select(async i =>
        {
            using var response = await client.SubmitAsync(forms[i - 1], PledgeTestData.ValidForm($"crowd{i}@example.ac.uk", "Crowd Example"));
            return response.StatusCode;
        }));

        Assert.True(responses.All(status => status == HttpStatusCode.Redirect),
            string.Join("\n", factory.Logs.Events.Where(e => e.Level >= Serilog.Events.LogEventLevel.Warning).Select(e => CapturedLogs.Render(e) + " " + e.Exception)));
        var rows = await factory.SignaturesAsync();
        Assert.Equal(500, rows.Count);
        Assert.Equal(500, rows.Select(r => r.NormalizedEmail).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 500).Select(n => (long?)n), rows.Select(r => r.Number).Order());
        Assert.All(rows, r => Assert.Equal(SignatureStatus.Published, r.Status));
        Assert.Equal(500, factory.Feed().Current.Count);
        Assert.Equal(500, factory.Feed().Current.LastNumber);
        var stats = await client.GetFromJsonAsync<Stats>("/pledge/stats");
        Assert.Equal(500, stats!.Count);
        var page = await client.GetHtmlAsync("/pledge");
        Assert.Equal("500", page.QuerySelector("[data-pledge-count]").Text());
    }

    [Fact]
    public async Task Post_SameEmailConcurrently_StoresExactlyOne()
    {
        await using var factory = new PledgeSiteFactory();
        var client = factory.CreateBrowserLikeClient();
        var form = await client.GetPledgeFormAsync();

        var responses = await Task.WhenAll(Enumerable.Range(1, 40).Select(async i =>
        {
            using var response = await client.SubmitAsync(form, PledgeTestData.ValidForm(i % 2 == 0 ? "twin@example.ac.uk" : " TWIN@example.ac.uk", "Twin Example"));
            return response.StatusCode;
        }));

        Assert.True(responses.All(status => status == HttpStatusCode.Redirect),
            string.Join("\n", factory.Logs.Events.Where(e => e.Level >= Serilog.Events.LogEventLevel.Warning).Select(e => CapturedLogs.Render(e) + " " + e.Exception)));
        var row = Assert.Single(await factory.SignaturesAsync());
        Assert.Equal(1, row.Number);
        Assert.Equal(1, factory.Feed().Current.Count);
    }

    private sealed record Stats(long Count);
}
