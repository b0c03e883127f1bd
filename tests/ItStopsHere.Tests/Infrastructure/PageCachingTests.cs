using System.Net;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Support;

namespace ItStopsHere.Tests.Infrastructure;

/// <summary>The site with its short output cache on, as in production (the other tests turn it off).</summary>
public class CachedSiteFactory : SiteFactory
{
    public CachedSiteFactory() => With("Site:PublicPageCacheSeconds", "30");
}

/// <summary>
/// The home page is served from a short output cache; nothing personal ever is: no response that sets
/// a cookie, no signed-in view, and never the pledge form with its per-visitor antiforgery token.
/// The output cache adds an <c>Age</c> header to what it serves from memory.
/// </summary>
public class PageCachingTests(CachedSiteFactory factory) : IClassFixture<CachedSiteFactory>
{
    [Fact]
    public async Task Home_SecondRequest_IsServedFromTheCacheWithoutCookies()
    {
        var first = factory.CreateBrowserLikeClient();
        var second = factory.CreateBrowserLikeClient();
        using var warm = await first.GetAsync("/");
        using var cached = await second.GetAsync("/?utm_source=share");

        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.True(cached.Headers.Age is not null, "The second request for / should come from the output cache.");
        Assert.False(cached.Headers.Contains("Set-Cookie"));
        Assert.Equal(await warm.Content.ReadAsStringAsync(), await cached.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PledgeForm_IsNeverCached_EachVisitorGetsTheirOwnToken()
    {
        var tokens = new List<string>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var client = factory.CreateBrowserLikeClient();
            using var response = await client.GetAsync("/pledge");
            Assert.Null(response.Headers.Age);
            var document = await response.ReadHtmlAsync();
            tokens.Add(((IHtmlInputElement)document.QuerySelector("input[name=__RequestVerificationToken]")!).Value);
        }

        Assert.Equal(3, tokens.Distinct().Count());
    }

    [Fact]
    public async Task Home_ForSignedInStaff_IsNeitherServedFromNorStoredInTheCache()
    {
        var admin = await factory.CreateUserAsync("Admin");
        var staff = await factory.SignedInClientAsync(admin);
        using (await staff.GetAsync("/"))
        {
        }

        using var again = await staff.GetAsync("/");
        Assert.Null(again.Headers.Age);

        // What staff saw was not stored for visitors either.
        var visitor = factory.CreateBrowserLikeClient();
        var html = await (await visitor.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(admin.Email, html, StringComparison.Ordinal);
        Assert.DoesNotContain("/account/logout", html, StringComparison.Ordinal);
    }
}
