using ItStopsHere.BrowserTests.Infrastructure;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.BrowserTests.Security;

/// <summary>No page asks any origin but ours for anything: no fonts, scripts, images or beacons elsewhere.</summary>
[Collection(BrowserCollection.Name)]
public class OwnOriginOnlyTests(BrowserFixture fixture)
{
    public static TheoryData<string> Paths()
    {
        var data = new TheoryData<string>();
        foreach (var path in SiteNavigation.Main.Concat(SiteNavigation.Footer).Select(i => i.Path).Distinct())
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Page_RequestsNothingFromOtherOrigins(string path)
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        var requested = new List<string>();
        var blockedByCsp = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blockedByCsp.Add(message.Text);
            }
        };

        await page.GotoAsync(fixture.Site.Url(path));
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        var origin = fixture.Site.RootUri.GetLeftPart(UriPartial.Authority);
        var foreign = requested.Where(url => !url.StartsWith(origin, StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(foreign.Count == 0, $"{path} requested: {string.Join(", ", foreign)}");
        Assert.True(blockedByCsp.Count == 0, $"{path} broke its own Content-Security-Policy: {string.Join(" | ", blockedByCsp)}");
        await page.Context.CloseAsync();
    }
}
