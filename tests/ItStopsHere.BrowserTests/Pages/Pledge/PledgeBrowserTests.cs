using System.Text.Json;
using ItStopsHere.BrowserTests.Support;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages.Pledge;

/// <summary>The site for pledge browser tests: the too-fast check is off so a test need not wait.</summary>
public class PledgeBrowserFixture : BrowserFixture
{
    public PledgeBrowserFixture() => Site.With("Pledge:MinimumFillTime", "00:00:00");
}

[CollectionDefinition(Name)]
public class PledgeBrowserCollection : ICollectionFixture<PledgeBrowserFixture>
{
    public const string Name = "Pledge browser";
}

[Collection(PledgeBrowserCollection.Name)]
public class PledgeBrowserTests(PledgeBrowserFixture fixture)
{
    [Fact]
    public async Task Keyboard_Only_SignsThePledge()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url("/pledge"));

        await TabToAsync(page, "signing-as-individual");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "name");
        await page.Keyboard.TypeAsync("Keya Example");
        await TabToAsync(page, "affiliation-student");
        await page.Keyboard.PressAsync("ArrowDown"); // staff
        await TabToAsync(page, "email");
        await page.Keyboard.TypeAsync("keyboard@example.ac.uk");
        await TabToAsync(page, "actions-report-and-support");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "sign-button");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**/pledge/thank-you?r=**");
        await Assertions.Expect(page.Locator(".confirmation")).ToContainTextAsync("You are signature");
        Assert.Contains("Report and support", await page.Locator(".next-steps").InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync(fixture.Site.Url("/pledge/signatures"));
        await Assertions.Expect(page.Locator("tbody")).ToContainTextAsync("Keya E.");
        await Assertions.Expect(page.Locator("tbody")).ToContainTextAsync("Staff");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Errors_AreAnnouncedAndFocusMovesToTheSummaryThenToTheField()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Site.Url("/pledge"));

        await TabToAsync(page, "sign-button");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
        var summary = page.Locator("[data-error-summary]");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        Assert.Equal("alert", await summary.GetAttributeAsync("role"));
        Assert.Contains("Enter your name", await summary.InnerTextAsync(), StringComparison.Ordinal);

        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("signing-as-individual", await ActiveIdAsync(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SecondPage_CounterAndFeedUpdateWithoutReload()
    {
        var watcher = await fixture.NewPageAsync();
        await watcher.GotoAsync(fixture.Site.Url("/pledge"));
        var signer = await fixture.NewPageAsync(BrowserFixture.Phone);
        await signer.GotoAsync(fixture.Site.Url("/pledge"));

        await signer.Locator("#signing-as-society").CheckAsync();
        await signer.Locator("#name").FillAsync("Livewire Example Society");
        await signer.Locator("#email").FillAsync("livewire@example.ac.uk");
        await signer.Locator("#actions-talk-about-it").CheckAsync();
        await signer.Locator("#sign-button").ClickAsync();
        await signer.WaitForURLAsync("**/pledge/thank-you?r=**");
        var count = JsonDocument.Parse(await (await signer.APIRequest.GetAsync(fixture.Site.Url("/pledge/stats"))).TextAsync())
            .RootElement.GetProperty("count").GetInt64();

        // The promise: within two seconds, without a reload.
        var within = new LocatorAssertionsToContainTextOptions { Timeout = 2000 };
        await Assertions.Expect(watcher.Locator("[data-pledge-feed]")).ToContainTextAsync("Livewire Example Society", within);
        await Assertions.Expect(watcher.Locator(".pledge-count__number")).ToHaveTextAsync(count.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), new() { Timeout = 2000 });
        Assert.Equal(count, (long)await watcher.Locator("[data-pledge-progress]").EvaluateAsync<double>("p => p.value"));
        await watcher.Context.CloseAsync();
        await signer.Context.CloseAsync();
    }

    [Fact]
    public async Task ThankYou_ShareLinksPointToThePledgeAndCopyButtonAppears()
    {
        var page = await SignAsync("sharer@example.ac.uk", "Sharon Example");

        var hrefs = await page.Locator(".share-links a").EvaluateAllAsync<string[]>("links => links.map(a => a.href)");
        var pledge = Uri.EscapeDataString("http://localhost:5000/pledge");
        Assert.Contains(hrefs, h => h.StartsWith("https://wa.me/?text=", StringComparison.Ordinal) && h.Contains(pledge, StringComparison.Ordinal));
        Assert.Contains($"https://www.facebook.com/sharer/sharer.php?u={pledge}", hrefs);
        Assert.Contains(hrefs, h => h.StartsWith("https://x.com/intent/tweet?", StringComparison.Ordinal) && h.EndsWith($"url={pledge}", StringComparison.Ordinal));
        Assert.Contains($"https://www.linkedin.com/sharing/share-offsite/?url={pledge}", hrefs);
        Assert.Contains(hrefs, h => h.StartsWith("mailto:?subject=", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-share-copy]")).ToBeVisibleAsync();
        var canShare = await page.EvaluateAsync<bool>("() => typeof navigator.share === 'function'");
        Assert.Equal(canShare, await page.Locator("[data-share-native]").IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WithoutJavaScript_SigningStillWorks()
    {
        var page = await fixture.NewPageAsync(javaScript: false);
        await page.GotoAsync(fixture.Site.Url("/pledge"));

        await page.Locator("#signing-as-individual").CheckAsync();
        await page.Locator("#name").FillAsync("Noscript Example");
        await page.Locator("#affiliation-alumni").CheckAsync();
        await page.Locator("#email").FillAsync("noscript@example.ac.uk");
        await page.Locator("#actions-frontline-training").CheckAsync();
        await page.Locator("#sign-button").ClickAsync();

        await page.WaitForURLAsync("**/pledge/thank-you?r=**");
        await Assertions.Expect(page.Locator(".confirmation")).ToContainTextAsync("You are signature");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SigningAsAGroup_HidesTheIndividualQuestion()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Site.Url("/pledge"));

        await page.Locator("#signing-as-team").CheckAsync();
        await Assertions.Expect(page.Locator("[data-individual-only]")).ToBeHiddenAsync();
        await page.Locator("#signing-as-individual").CheckAsync();
        await Assertions.Expect(page.Locator("[data-individual-only]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Axe_FormErrorStateAndThankYou_HaveNoViolations(int width)
    {
        var page = await fixture.NewPageAsync((width, 900));
        await page.GotoAsync(fixture.Site.Url("/pledge"));
        await Axe.AssertNoViolationsAsync(page, $"(the form at {width} px)");

        await page.Locator("#email").FillAsync("not an email");
        await page.Locator("#sign-button").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, $"(the error state at {width} px)");
        await page.Context.CloseAsync();

        var thanks = await SignAsync($"axe{width}@example.ac.uk", "Axel Example", (width, 900));
        await Axe.AssertNoViolationsAsync(thanks, $"(the thank-you page at {width} px)");
        await thanks.GotoAsync(fixture.Site.Url("/pledge/signatures"));
        await Axe.AssertNoViolationsAsync(thanks, $"(the signatures list at {width} px)");
        await thanks.Context.CloseAsync();
    }

    private async Task<IPage> SignAsync(string email, string name, (int Width, int Height)? viewport = null)
    {
        var page = await fixture.NewPageAsync(viewport);
        await page.GotoAsync(fixture.Site.Url("/pledge"));
        await page.Locator("#signing-as-individual").CheckAsync();
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#affiliation-student").CheckAsync();
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#actions-talk-about-it").CheckAsync();
        await page.Locator("#sign-button").ClickAsync();
        await page.WaitForURLAsync("**/pledge/thank-you?r=**");
        return page;
    }

    /// <summary>Presses Tab until the element with <paramref name="id"/> has focus, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string id)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            if (await ActiveIdAsync(page) == id)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached #{id}; focus is on #{await ActiveIdAsync(page)}");
    }

    private static Task<string> ActiveIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.id : ''");
}
