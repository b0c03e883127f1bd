using System.Net;
using ItStopsHere.BrowserTests.Support;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages.Pledge;

/// <summary>A site whose live stream holds two connections, and tells a refused browser to wait a second.</summary>
public class LiveStreamFullBrowserFixture : BrowserFixture
{
    public LiveStreamFullBrowserFixture() => Site
        .With("Pledge:MinimumFillTime", "00:00:00")
        .With("Pledge:Live:MaxConnections", "2")
        .With("Pledge:Live:RefusedRetryAfter", "00:00:01");
}

/// <summary>
/// When the live stream is full, the pages work as without it (the count they were rendered with), and
/// the script, having backed off, goes live by itself once there is room.
/// </summary>
public class LiveStreamFullBrowserTests(LiveStreamFullBrowserFixture fixture) : IClassFixture<LiveStreamFullBrowserFixture>
{
    [Fact]
    public async Task StreamFull_PagesShowTheRenderedCount_ThenGoLiveWhenThereIsRoom()
    {
        using var http = new HttpClient { BaseAddress = fixture.Site.RootUri, Timeout = TimeSpan.FromSeconds(30) };
        // As the browser does (BrowserFixture): plain HTTP from the loopback proxy, which says "https".
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var held = new List<HttpResponseMessage>();
        for (var i = 0; i < 2; i++)
        {
            var response = await http.GetAsync("/pledge/live", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            held.Add(response);
        }

        var scriptErrors = new List<string>();
        var home = await fixture.NewPageAsync(BrowserFixture.Phone);
        home.PageError += (_, error) => scriptErrors.Add(error);
        var homeRefused = home.WaitForResponseAsync(r => r.Url.Contains("/pledge/live", StringComparison.Ordinal));
        await home.GotoAsync(fixture.Site.Url("/"));
        Assert.Equal(503, (await homeRefused).Status);
        await Assertions.Expect(home.Locator("main [data-pledge-live] .pledge-count__number")).ToHaveTextAsync("0");
        await Assertions.Expect(home.Locator("h1")).ToBeVisibleAsync();
        await home.Context.CloseAsync();

        var watcher = await fixture.NewPageAsync(BrowserFixture.Desktop);
        watcher.PageError += (_, error) => scriptErrors.Add(error);
        var refused = watcher.WaitForResponseAsync(r => r.Url.Contains("/pledge/live", StringComparison.Ordinal));
        await watcher.GotoAsync(fixture.Site.Url("/pledge"));
        Assert.Equal(503, (await refused).Status);
        await Assertions.Expect(watcher.Locator(".pledge-count__number")).ToHaveTextAsync("0");
        await Assertions.Expect(watcher.Locator("#sign-button")).ToBeEnabledAsync();

        // Room again, and someone signs (without JavaScript, so the signer takes no stream).
        foreach (var response in held)
        {
            response.Dispose();
        }

        var signer = await fixture.NewPageAsync(javaScript: false);
        await signer.GotoAsync(fixture.Site.Url("/pledge"));
        await signer.Locator("#signing-as-individual").CheckAsync();
        await signer.Locator("#name").FillAsync("Roomy Example");
        await signer.Locator("#affiliation-student").CheckAsync();
        await signer.Locator("#email").FillAsync("roomy@example.ac.uk");
        await signer.Locator("#actions-talk-about-it").CheckAsync();
        await signer.Locator("#sign-button").ClickAsync();
        await signer.WaitForURLAsync("**/pledge/thank-you?r=**");
        await signer.Context.CloseAsync();

        // The watcher retries after its back-off (a second or two here), catches up and shows it without a reload.
        var patience = new LocatorAssertionsToContainTextOptions { Timeout = 30_000 };
        await Assertions.Expect(watcher.Locator("[data-pledge-feed]")).ToContainTextAsync("Roomy E.", patience);
        await Assertions.Expect(watcher.Locator(".pledge-count__number")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        Assert.Empty(scriptErrors);
        await watcher.Context.CloseAsync();
    }
}
