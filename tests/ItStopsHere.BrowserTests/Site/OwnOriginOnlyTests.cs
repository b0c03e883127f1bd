using ItStopsHere.BrowserTests.Support;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Site;

/// <summary>No page asks any origin but ours for anything: no fonts, scripts, images or beacons elsewhere.</summary>
[Collection(BrowserCollection.Name)]
public class OwnOriginOnlyTests(BrowserFixture fixture)
{
    public static TheoryData<string> Paths()
    {
        var data = new TheoryData<string>();
        foreach (var path in SiteNavigation.Main.Concat(SiteNavigation.Footer).Select(i => i.Path).Prepend("/").Distinct())
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
        var watch = Watch(page);
        await page.GotoAsync(fixture.Site.Url(path));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        watch.AssertOwnOriginOnly(path);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PledgeFormAndThankYou_RequestNothingFromOtherOrigins()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        var watch = Watch(page);
        await page.GotoAsync(fixture.Site.Url("/pledge"));
        await page.Locator("#signing-as-individual").CheckAsync();
        await page.Locator("#name").FillAsync("Origin Example");
        await page.Locator("#affiliation-student").CheckAsync();
        await page.Locator("#email").FillAsync($"origin-{Guid.NewGuid():N}@example.ac.uk");
        await page.Locator("#actions-talk-about-it").CheckAsync();
        // This fixture keeps the site's default minimum fill time (2 s): take as long as a person would.
        await page.WaitForTimeoutAsync(2500);
        await page.Locator("#sign-button").ClickAsync();
        await page.WaitForURLAsync("**/pledge/thank-you?r=**");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains(watch.Requested, url => url.Contains("/pledge/thank-you", StringComparison.Ordinal));
        watch.AssertOwnOriginOnly("/pledge and /pledge/thank-you");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task StaffPages_RequestNothingFromOtherOrigins()
    {
        var account = await StaffAccounts.CreateAsync(fixture.Site, "Admin");
        var page = await fixture.NewPageAsync(BrowserFixture.Desktop);
        var watch = Watch(page);
        await StaffAccounts.SignInAsync(page, fixture.Site, account);
        foreach (var path in new[] { "/admin", "/admin/users", "/admin/users/add", "/admin/audit", "/account/change-password", "/account/two-factor" })
        {
            await page.GotoAsync(fixture.Site.Url(path));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        watch.AssertOwnOriginOnly("the staff pages");
        await page.Context.CloseAsync();
    }

    private RequestWatch Watch(IPage page)
    {
        var watch = new RequestWatch(fixture.Site.RootUri.GetLeftPart(UriPartial.Authority));
        page.Request += (_, request) => watch.Requested.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                watch.BlockedByCsp.Add(message.Text);
            }
        };
        return watch;
    }

    /// <summary>Every request a page made, and every CSP complaint in its console.</summary>
    private sealed class RequestWatch(string origin)
    {
        public List<string> Requested { get; } = [];

        public List<string> BlockedByCsp { get; } = [];

        public void AssertOwnOriginOnly(string what)
        {
            var foreign = Requested.Where(url => !url.StartsWith(origin, StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal)).ToList();
            Assert.True(foreign.Count == 0, $"{what} requested: {string.Join(", ", foreign)}");
            Assert.True(BlockedByCsp.Count == 0, $"{what} broke its own Content-Security-Policy: {string.Join(" | ", BlockedByCsp)}");
        }
    }
}
