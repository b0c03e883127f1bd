using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Tests.Infrastructure;

public class LayoutAndNavigationTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    public static TheoryData<string> NavigationPaths()
    {
        var data = new TheoryData<string>();
        foreach (var path in SiteNavigation.Main.Concat(SiteNavigation.Footer).Select(i => i.Path).Prepend("/").Distinct())
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NavigationPaths))]
    public async Task Get_NavigationPage_Returns200WithTitleAndHeading(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        Assert.EndsWith("It Stops Here", document.Title, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(document.QuerySelector("h1").Text()), $"{path} has no h1");
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.NotNull(document.QuerySelector("meta[name=description]")?.GetAttribute("content"));
        Assert.NotNull(document.QuerySelector("meta[property='og:title']"));
    }

    [Theory]
    [MemberData(nameof(NavigationPaths))]
    public async Task Get_AnyPage_HasSkipLinkQuickExitHelpLinkAndFooter(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync(path);

        var links = document.QuerySelectorAll("body a").ToList();
        Assert.Equal("#main", links[0].GetAttribute("href"));
        Assert.Contains("Skip to main content", links[0].Text(), StringComparison.Ordinal);
        var quickExit = links[1];
        Assert.True(quickExit.HasAttribute("data-quick-exit"));
        Assert.Equal("https://www.bbc.co.uk/weather", quickExit.GetAttribute("href"));
        Assert.Contains(document.QuerySelectorAll("header a"), a => a.GetAttribute("href") == "/help" && a.Text() == "Get help now");
        Assert.NotNull(document.QuerySelector("main#main"));
        var footerLinks = document.QuerySelectorAll("footer a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/help", footerLinks);
        Assert.Contains("/privacy", footerLinks);
        Assert.Contains("/accessibility", footerLinks);
        Assert.Contains("/contact", footerLinks);
        Assert.Equal("en-GB", document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Get_Page_MarksCurrentNavigationItem()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/help");

        var current = document.QuerySelectorAll("nav[aria-label=Main] a[aria-current=page]");
        Assert.Single(current);
        Assert.Equal("/help", current[0].GetAttribute("href"));
    }

    [Fact]
    public async Task Get_Page_LoadsOnlyOwnScriptsAndStyles()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/");

        Assert.Empty(document.QuerySelectorAll("script:not([src])"));
        Assert.All(document.QuerySelectorAll("script[src]"), s => Assert.StartsWith("/", s.GetAttribute("src"), StringComparison.Ordinal));
        Assert.All(document.QuerySelectorAll("link[rel=stylesheet]"), l => Assert.StartsWith("/", l.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Empty(document.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task Get_QuickExitTarget_ComesFromConfiguration()
    {
        await using var configured = new SiteFactory().With("Campaign:QuickExitUrl", "https://neutral.example/weather");
        var client = configured.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/");

        Assert.Equal("https://neutral.example/weather", document.QuerySelector("[data-quick-exit]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Get_StaticFileFromRepositoryWwwroot_IsServed()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("--colour-brand", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_HelpPage_ExplainsQuickExitAndPrivateBrowsing()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/help");

        var text = document.Body.Text();
        Assert.Contains("Quick exit", text, StringComparison.Ordinal);
        Assert.Contains("Shift", text, StringComparison.Ordinal);
        Assert.Contains(document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/staying-safe-online");
        Assert.Contains("clear your browsing history", text, StringComparison.Ordinal);
        Assert.Contains("private", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_StayingSafeOnline_SaysAWebsiteCannotEraseHistoryAndHowToBrowsePrivately()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/staying-safe-online");

        var text = document.QuerySelector("main")!.Text();
        Assert.Contains("no website can delete your browsing history", text, StringComparison.Ordinal);
        Assert.Contains("private window", text, StringComparison.Ordinal);
        Assert.Contains("Incognito", text, StringComparison.Ordinal);
        Assert.Contains("Safari on iPhone", text, StringComparison.Ordinal);
        Assert.Contains("share a phone", text, StringComparison.Ordinal);
        Assert.Contains(document.QuerySelectorAll("footer a"), a => a.GetAttribute("href") == "/staying-safe-online");
        Assert.Contains(document.QuerySelectorAll("aside a"), a => a.GetAttribute("href") == "/staying-safe-online");
    }
}
