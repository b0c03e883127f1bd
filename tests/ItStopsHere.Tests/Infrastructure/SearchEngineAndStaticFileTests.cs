using System.Buffers.Binary;
using System.Net;
using System.Xml.Linq;
using ItStopsHere.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Infrastructure;

public class SearchEngineAndStaticFileTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>Pages that are deliberately not in the sitemap: error pages are not content.</summary>
    // Staff sign-in pages are not content for search engines (robots.txt keeps crawlers out of them).
    // The thank-you page only makes sense straight after signing; the manage, confirm and withdrawn pages
    // only with a signer's personal link (they are noindex).
    // Steps inside a flow: reached from its first page (which is listed), never a landing page of their own.
    private static readonly string[] NotPublicPages = ["/error", "/account", "/pledge/thank-you", "/pledge/manage", "/pledge/confirm", "/pledge/withdrawn", "/report/"];

    [Fact]
    public async Task Get_Sitemap_ListsEveryPublicPageAndEveryPublishedNewsItem()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/sitemap.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var sitemap = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var locations = sitemap.Root!.Elements(Sitemap + "url").Select(u => u.Element(Sitemap + "loc")!.Value).ToList();
        Assert.Equal(locations.Count, locations.Distinct().Count());

        // Every page the app can serve without a parameter or a sign-in, so a new page cannot be forgotten.
        var pages = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ActionDescriptor>() is not null)
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/'))
            .Where(path => !NotPublicPages.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
            .Where(path => !path.Contains('{', StringComparison.Ordinal))
            // A page's history (old versions, comparisons: noindex) is not for search engines; deeper pages'
            // history addresses have no parameter only because their page's address is written out.
            .Where(path => !path.Contains("/history", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.Contains("/take-action/bystander-tips", pages);
        Assert.All(pages, path => Assert.Contains("http://localhost:5000" + path, locations));

        var news = await factory.WithDbAsync(db => Task.FromResult(db.NewsItems.Where(n => n.IsPublished).Select(n => n.Slug).ToList()));
        Assert.Equal(4, news.Count);
        Assert.All(news, slug => Assert.Contains($"http://localhost:5000/news/{slug}", locations));
        var item = sitemap.Root.Elements(Sitemap + "url").Single(u => u.Element(Sitemap + "loc")!.Value.EndsWith("/news/take-our-student-survey", StringComparison.Ordinal));
        Assert.Equal("2015-11-02", item.Element(Sitemap + "lastmod")?.Value);
    }

    [Fact]
    public async Task Get_Sitemap_UsesTheConfiguredSiteAddress()
    {
        await using var site = new SiteFactory().With("Campaign:SiteUrl", "https://itstopshere.example.ac.uk/");
        var client = site.CreateBrowserLikeClient();

        var sitemap = await client.GetStringAsync("/sitemap.xml");
        var robots = await client.GetStringAsync("/robots.txt");

        Assert.Contains("<loc>https://itstopshere.example.ac.uk/consent</loc>", sitemap, StringComparison.Ordinal);
        Assert.Contains("Sitemap: https://itstopshere.example.ac.uk/sitemap.xml", robots, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Robots_AllowsThePublicSiteAndNamesTheSitemap()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/robots.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("User-agent: *", lines);
        Assert.Contains("Allow: /", lines);
        Assert.Contains("Disallow: /admin", lines);
        Assert.Contains("Disallow: /account", lines);
        Assert.Contains("Sitemap: http://localhost:5000/sitemap.xml", lines);
    }

    [Fact]
    public async Task Get_ShareImage_IsA1200By630Png()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/img/share-card.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((1200, 630), PngSize(png, 0));
    }

    [Fact]
    public async Task Get_Favicon_IsAnIconHoldingA32PixelImage()
    {
        var client = factory.CreateBrowserLikeClient();

        using var ico = await client.GetAsync("/favicon.ico");
        using var svg = await client.GetAsync("/img/icon.svg");

        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        var bytes = await ico.Content.ReadAsByteArrayAsync();
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2))); // an icon, not a cursor
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4))); // one image
        var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(18));
        Assert.Equal((32, 32), PngSize(bytes, offset));

        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), XDocument.Parse(await svg.Content.ReadAsStringAsync()).Root?.Name);
    }

    private static (int Width, int Height) PngSize(byte[] bytes, int offset)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.AsSpan(offset, 4).ToArray());
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 16)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 20)));
    }
}
