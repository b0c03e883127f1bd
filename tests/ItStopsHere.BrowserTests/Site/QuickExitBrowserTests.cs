using ItStopsHere.BrowserTests.Support;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Site;

/// <summary>
/// The quick exit to the GOV.UK "Exit this page" standard, on a 390 × 844 phone unless said: always on
/// screen, Shift three times, the hint only where it works, and no way Back into a readable page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class QuickExitBrowserTests(BrowserFixture fixture)
{
    private const string Exit = "[data-quick-exit]";

    public static TheoryData<string> NavigationPaths() => new(SiteNavigation.Main.Select(i => i.Path).Prepend("/"));

    [Theory]
    [MemberData(nameof(NavigationPaths))]
    public async Task ExitButton_AfterScrollingToTheBottom_IsOnScreenAndWorks(string path)
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url(path));
        await ReadyAsync(page);

        await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
        var box = await page.Locator(Exit).BoundingBoxAsync();

        Assert.True(scrolled > 0, $"{path} should be long enough to scroll on a phone.");
        Assert.NotNull(box);
        Assert.True(box.Y >= 0 && box.Y + box.Height <= BrowserFixture.Phone.Height, $"The exit is at y={box.Y} after scrolling {path}.");
        Assert.True(box.X >= 0 && box.X + box.Width <= BrowserFixture.Phone.Width, $"The exit is off the side of {path}.");
        Assert.True(box.Width >= 44 && box.Height >= 44, $"The exit is {box.Width}×{box.Height} px, smaller than 44×44.");

        await page.Locator(Exit).ClickAsync();
        await page.WaitForURLAsync(KestrelSiteFactory.QuickExitUrl);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ExitButton_At320Pixels_IsOnScreenAfterScrolling()
    {
        var page = await fixture.NewPageAsync((320, 640));
        await page.GotoAsync(fixture.Site.Url("/help"));

        await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        var box = await page.Locator(Exit).BoundingBoxAsync();

        Assert.NotNull(box);
        Assert.True(box.Y >= 0 && box.Y + box.Height <= 640 && box.X + box.Width <= 320, $"The exit is at ({box.X}, {box.Y}) at 320 px.");
        Assert.True(box.Height >= 44 && box.Width >= 44);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ShiftThreeTimes_Exits_AndAnnouncesProgress()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url("/pledge"));
        await ReadyAsync(page);

        await page.Keyboard.PressAsync("Shift");
        await ExpectStatusAsync(page, "Shift, press 2 more times to exit this page");
        await page.Keyboard.PressAsync("Shift");
        await ExpectStatusAsync(page, "Shift, press 1 more time to exit this page");
        await page.Keyboard.PressAsync("Shift");

        await page.WaitForURLAsync(KestrelSiteFactory.QuickExitUrl);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ShiftUsedWithALetter_DoesNotCount()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url("/pledge"));
        await ReadyAsync(page);

        // Shift, then a capital letter (Shift held as a modifier), then Shift: the letter starts the count again.
        await page.Keyboard.PressAsync("Shift");
        await page.Keyboard.PressAsync("Shift+KeyA");
        await page.Keyboard.PressAsync("Shift");

        await ExpectStatusAsync(page, "Shift, press 2 more times to exit this page");
        Assert.StartsWith(fixture.Site.RootUri.ToString(), page.Url, StringComparison.Ordinal);

        // Another key between presses also breaks the sequence.
        await page.Keyboard.PressAsync("Shift");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Shift");
        await ExpectStatusAsync(page, "Shift, press 2 more times to exit this page");
        Assert.StartsWith(fixture.Site.RootUri.ToString(), page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TwoPressesThenAPause_DoNotExit()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        // The page's clock is the test's: the five-second window passes without the test waiting for it.
        await page.Clock.InstallAsync();
        await page.GotoAsync(fixture.Site.Url("/help"));
        await ReadyAsync(page);

        await page.Keyboard.PressAsync("Shift");
        await page.Keyboard.PressAsync("Shift");
        await page.Clock.RunForAsync(6_000);
        await ExpectStatusAsync(page, "Exit this page cancelled");
        await page.Keyboard.PressAsync("Shift");

        await ExpectStatusAsync(page, "Shift, press 2 more times to exit this page");
        Assert.StartsWith(fixture.Site.RootUri.ToString(), page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EscapeThreeTimes_DoesNotExit()
    {
        // Esc is not a shortcut on purpose (README, "Quick exit"): browsers and screen readers use it to close
        // menus and leave form fields, so pressing it repeatedly is ordinary.
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url("/pledge"));
        await ReadyAsync(page);

        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Shift");

        // The Shift press is counted from one: the Esc presses neither exited nor counted.
        await ExpectStatusAsync(page, "Shift, press 2 more times to exit this page");
        Assert.StartsWith(fixture.Site.RootUri.ToString(), page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ShortcutHint_ShownWithAKeyboard_HiddenOnATouchOnlyPhoneAndWithoutJavaScript()
    {
        var desktop = await fixture.NewPageAsync();
        await desktop.GotoAsync(fixture.Site.Url("/"));
        await ReadyAsync(desktop);
        Assert.True(await desktop.Locator("[data-shortcut-hint]").IsVisibleAsync(), "With a mouse and keyboard the hint should show.");
        await desktop.Context.CloseAsync();

        var touch = await fixture.NewPageAsync(BrowserFixture.Phone, touchOnly: true);
        await touch.GotoAsync(fixture.Site.Url("/"));
        await ReadyAsync(touch);
        Assert.False(await touch.Locator("[data-shortcut-hint]").IsVisibleAsync(), "A touch-only phone has no Shift key.");
        await touch.Context.CloseAsync();

        var noScript = await fixture.NewPageAsync(BrowserFixture.Desktop, javaScript: false);
        await noScript.GotoAsync(fixture.Site.Url("/"));
        Assert.False(await noScript.Locator("[data-shortcut-hint]").IsVisibleAsync(), "Without JavaScript the shortcut does nothing.");
        await noScript.Context.CloseAsync();
    }

    [Fact]
    public async Task AfterExit_GoingBack_DoesNotShowAReadableSitePage()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url("/"));
        await page.GotoAsync(fixture.Site.Url("/consent"));
        await page.GotoAsync(fixture.Site.Url("/help"));
        await ReadyAsync(page);

        await page.Locator(Exit).ClickAsync();
        await page.WaitForURLAsync(KestrelSiteFactory.QuickExitUrl);

        // Back lands on /consent (only /help was replaced), which leaves again at once, blanked.
        await page.GoBackAsync(new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForURLAsync(KestrelSiteFactory.QuickExitUrl);
        Assert.Equal("Weather", await page.TitleAsync());

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AfterExit_ComingBackByAFreshVisit_ShowsTheSiteAgain()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url("/help"));
        await ReadyAsync(page);
        await page.Locator(Exit).ClickAsync();
        await page.WaitForURLAsync(KestrelSiteFactory.QuickExitUrl);

        // Typing the address again is a deliberate return, not the Back button.
        await page.GotoAsync(fixture.Site.Url("/help"));
        await ReadyAsync(page);

        Assert.True(await page.Locator("h1").IsVisibleAsync());
        Assert.StartsWith(fixture.Site.RootUri.ToString(), page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task StayingSafeOnlineLink_BesideTheExit_OnTheFirstPageOfAVisitOnly()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url("/"));
        await ReadyAsync(page);
        var link = page.Locator(".exit-bar").GetByRole(AriaRole.Link, new() { Name = "Staying safe online" });
        Assert.True(await link.IsVisibleAsync());

        await page.GotoAsync(fixture.Site.Url("/myths"));
        await ReadyAsync(page);
        Assert.False(await link.IsVisibleAsync(), "The link beside the exit is for the first page; the footer keeps it.");
        Assert.True(await page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "Staying safe online" }).IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    private static Task ReadyAsync(IPage page) =>
        page.Locator("html[data-quick-exit-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    private static Task ExpectStatusAsync(IPage page, string text) =>
        Assertions.Expect(page.Locator("[data-quick-exit-status]")).ToHaveTextAsync(text);
}
