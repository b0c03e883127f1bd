using ItStopsHere.BrowserTests.Support;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Site;

[Collection(BrowserCollection.Name)]
public class LayoutBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task HomePage_Renders_WithCampaignNameAndHelpLink()
    {
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync(fixture.Site.Url("/"));

        Assert.Equal(200, response?.Status);
        Assert.Equal("It Stops Here", await page.TitleAsync());
        Assert.True(await page.Locator("h1").IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Get help now" }).First.IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task QuickExit_Click_LeavesSiteAndBackDoesNotReturn()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url("/help"));

        await page.Locator("[data-quick-exit]").ClickAsync();
        await page.WaitForURLAsync(KestrelSiteFactory.QuickExitUrl);
        await page.GoBackAsync();

        Assert.DoesNotContain(fixture.Site.RootUri.Authority, page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task QuickExit_ShiftThreeTimes_LeavesSite()
    {
        // The shortcut moved from Esc to the GOV.UK convention (Shift three times): see QuickExitBrowserTests.
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Site.Url("/"));
        await page.Locator("html[data-quick-exit-ready]").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });

        await page.Keyboard.PressAsync("Shift");
        await page.Keyboard.PressAsync("Shift");
        await page.Keyboard.PressAsync("Shift");
        await page.WaitForURLAsync(KestrelSiteFactory.QuickExitUrl);
        await page.GoBackAsync();

        Assert.DoesNotContain(fixture.Site.RootUri.Authority, page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task QuickExit_WithoutJavaScript_IsAWorkingLink()
    {
        var page = await fixture.NewPageAsync(javaScript: false);
        await page.GotoAsync(fixture.Site.Url("/help"));

        await page.Locator("[data-quick-exit]").ClickAsync();
        await page.WaitForURLAsync(KestrelSiteFactory.QuickExitUrl);

        Assert.Equal("Weather", await page.TitleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_Tab_ReachesSkipLinkFirstThenQuickExit()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url("/"));

        await page.Keyboard.PressAsync("Tab");
        var first = await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()");
        await page.Keyboard.PressAsync("Tab");
        var second = await page.EvaluateAsync<bool>("() => document.activeElement.hasAttribute('data-quick-exit')");

        Assert.Equal("Skip to main content", first);
        Assert.True(second, "The quick exit should be the second stop for the Tab key.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_SkipLink_MovesFocusToMainContent()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Site.Url("/help"));

        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Layout_At320Pixels_HasNoHorizontalScroll()
    {
        var page = await fixture.NewPageAsync((320, 640));
        await page.GotoAsync(fixture.Site.Url("/help"));

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");

        Assert.False(overflow, "The page scrolls sideways at 320 px.");
        await page.Context.CloseAsync();
    }
}
