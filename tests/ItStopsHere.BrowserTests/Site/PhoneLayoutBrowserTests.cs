using ItStopsHere.BrowserTests.Support;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Site;

/// <summary>Phones first: a short header, a menu that works without JavaScript, and pages that fit at 320 px.</summary>
[Collection(BrowserCollection.Name)]
public class PhoneLayoutBrowserTests(BrowserFixture fixture)
{
    /// <summary>Every public page a visitor can reach: the navigation, the footer and the pages inside sections.</summary>
    public static TheoryData<string> PublicPaths() =>
        new(SiteNavigation.Main.Concat(SiteNavigation.Footer).Concat(SiteNavigation.InSections).Select(i => i.Path).Distinct());

    [Theory]
    [InlineData(390, 844)]
    [InlineData(320, 640)]
    public async Task Header_TakesAtMostAQuarterOfThePhoneScreen(int width, int height)
    {
        var page = await fixture.NewPageAsync((width, height));
        await page.GotoAsync(fixture.Site.Url("/"));

        var bottom = await page.EvaluateAsync<double>("() => document.querySelector('.site-header').getBoundingClientRect().bottom");

        Assert.True(bottom <= 211, $"The exit bar, header and navigation end {bottom} px down at {width} px wide; at most 211.");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Menu_OnAPhone_OpensAndClosesAndIsADisclosure(bool javaScript)
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone, javaScript);
        await page.GotoAsync(fixture.Site.Url("/myths"));
        var button = page.Locator("header summary");
        var pledge = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sign the pledge" });

        Assert.Equal("Menu", (await button.InnerTextAsync()).Trim());
        Assert.False(await pledge.IsVisibleAsync(), "The navigation should start closed on a phone.");
        Assert.True(await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Get help now" }).IsVisibleAsync(), "Get help stays one tap away.");

        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.True(await pledge.IsVisibleAsync());
        await Assertions.Expect(page.Locator("header details")).ToHaveAttributeAsync("open", "");

        await page.Keyboard.PressAsync("Enter");
        Assert.False(await pledge.IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1280)]
    [InlineData(1440)]
    public async Task Navigation_OnWideScreens_IsOneRowWithNoMenuButton(int width)
    {
        var page = await fixture.NewPageAsync((width, 800));
        await page.GotoAsync(fixture.Site.Url("/"));

        var tops = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('nav[aria-label=Main] a')].map(a => a.getBoundingClientRect().top)");

        Assert.Equal(SiteNavigation.Main.Count, tops.Length);
        Assert.True(tops.Max() - tops.Min() < 1, $"The navigation wraps at {width} px (tops {string.Join(", ", tops)}).");
        Assert.True(await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Get help" }).IsVisibleAsync());
        Assert.False(await page.Locator("header summary").IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public async Task Page_At320Pixels_DoesNotScrollSideways(string path)
    {
        var page = await fixture.NewPageAsync((320, 640));
        await page.GotoAsync(fixture.Site.Url(path));

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");

        Assert.True(widths[0] <= widths[1], $"{path} is {widths[0]} px wide in a {widths[1]} px window.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Help_At320Pixels_EveryServiceReadsFully()
    {
        var page = await fixture.NewPageAsync((320, 640));
        await page.GotoAsync(fixture.Site.Url("/help"));

        var services = page.Locator(".service");
        var lines = FirstFacts.HelpLines();
        Assert.Equal(lines.Count, await services.CountAsync());
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var service = services.Nth(i);
            Assert.True(await service.IsVisibleAsync());
            var text = await service.InnerTextAsync();
            Assert.Contains(line.Name, text, StringComparison.Ordinal);
            Assert.Contains(line.When, text, StringComparison.Ordinal);
            Assert.All(line.Contacts(), c => Assert.Contains(c.Text, text, StringComparison.Ordinal));
            // Nothing clipped: every part of the card lies inside the 320 px window.
            var overflow = await service.EvaluateAsync<bool>("el => [el, ...el.querySelectorAll('*')].some(e => { const r = e.getBoundingClientRect(); return r.right > 320.5 || r.left < -0.5 || e.scrollWidth > e.clientWidth + 1; })");
            Assert.False(overflow, $"{line.Name} does not fit at 320 px.");
        }

        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(320, 640)]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task Help_EveryPhoneLinkIsAtLeast44PixelsHigh(int width, int height)
    {
        var page = await fixture.NewPageAsync((width, height));
        await page.GotoAsync(fixture.Site.Url("/help"));

        var heights = await page.EvaluateAsync<double[]>(
            "() => [...document.querySelectorAll('a[href^=\"tel:\"], a[href^=\"sms:\"]')].filter(a => a.getClientRects().length > 0).map(a => a.getBoundingClientRect().height)");

        Assert.True(heights.Length >= FirstFacts.HelpLines().Count, $"Only {heights.Length} visible phone links at {width} px.");
        Assert.All(heights, h => Assert.True(h >= 44, $"A phone link is {h} px high at {width} px."));
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public async Task Page_OnAPhone_EveryCallOrTextLinkIsAtLeast44PixelsHigh(string path)
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url(path));

        var links = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('a[href^=\"tel:\"], a[href^=\"sms:\"]')].filter(a => a.getClientRects().length > 0 && a.getBoundingClientRect().height < 44).map(a => a.textContent.trim())");

        Assert.True(links.Length == 0, $"Phone links under 44 px high on {path}: {string.Join(", ", links)}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pledge_OnAPhone_FormStartsWithinTheFirstTwoScreens()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url("/pledge"));

        var top = await page.EvaluateAsync<double>("() => document.querySelector('form.pledge-form').getBoundingClientRect().top + window.scrollY");

        Assert.True(top <= 2 * BrowserFixture.Phone.Height, $"The pledge form starts {top} px down.");
        await page.Context.CloseAsync();
    }

    /// <summary>A published signature with a long name and description, so tables and the chart have something to show.</summary>
    private async Task AddSignatureAsync()
    {
        var email = $"browser.layout.{Guid.NewGuid():N}@example.ac.uk";
        var writer = fixture.Site.Services.GetRequiredService<SignatureWriter>();
        var outcome = await writer.AddAsync(
            new NewSignature
            {
                Type = SignatoryType.Individual,
                Name = "Layout Tester Featherstonehaugh",
                Affiliation = Affiliation.Student,
                Detail = "Department of War Studies and International Relations",
                Email = email,
                Actions = PledgeActions.TalkAboutIt,
                NameDisplay = NameDisplay.FullName,
                ClientHash = "browser-test-network",
                InitialStatus = SignatureStatus.Published,
                SignedAt = DateTimeOffset.UtcNow,
            },
            CancellationToken.None);
        Assert.Equal(SignOutcomeKind.Added, outcome.Kind);
    }

    [Fact]
    public async Task Signatures_ScrollingTable_IsAFocusableLabelledRegion()
    {
        await AddSignatureAsync();
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url("/pledge/signatures"));

        var scrollers = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main *')].filter(e => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))" +
            ".filter(e => !(e.tabIndex >= 0 && e.getAttribute('role') === 'region' && (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby'))))" +
            ".map(e => e.className || e.tagName)");

        Assert.Empty(scrollers);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/pledge", 320)]
    [InlineData("/pledge", 390)]
    [InlineData("/pledge", 1280)]
    public async Task ChartText_IsAtLeast12PixelsAtEveryWidth(string path, int width)
    {
        await AddSignatureAsync();
        var page = await fixture.NewPageAsync((width, 900));
        await page.GotoAsync(fixture.Site.Url(path));

        var sizes = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('figure svg text, figure [class*=label]')].map(t => t.getBoundingClientRect().height > 0 ? parseFloat(getComputedStyle(t).fontSize) * (t.ownerSVGElement ? t.ownerSVGElement.getBoundingClientRect().width / t.ownerSVGElement.viewBox.baseVal.width : 1) : 99)");

        Assert.NotEmpty(sizes);
        Assert.All(sizes, s => Assert.True(s >= 12 - 0.01, $"Chart text renders at {s:0.#} px at {width} px."));
        await page.Context.CloseAsync();
    }
}
