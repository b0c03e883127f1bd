using System.Text;
using System.Xml.Linq;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Infrastructure;

/// <summary><c>/sitemap.xml</c> (every public page and news item) and <c>/robots.txt</c>, which points to it.</summary>
public static class SearchEngineFiles
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>The site's public pages: the navigation, the footer and the pages inside sections.</summary>
    public static IEnumerable<string> PublicPagePaths() =>
        SiteNavigation.Main.Concat(SiteNavigation.Footer).Concat(SiteNavigation.InSections).Select(i => i.Path).Distinct();

    public static IEndpointRouteBuilder MapSearchEngineFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sitemap.xml", SitemapAsync).CompressPublicResponse();
        endpoints.MapGet("/robots.txt", (IOptions<CampaignOptions> options, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            var site = options.Value.SiteUrl.TrimEnd('/');
            return Results.Text($"User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /account\n\nSitemap: {site}/sitemap.xml\n", "text/plain", Encoding.UTF8);
        });
        return endpoints;
    }

    private static async Task<IResult> SitemapAsync(
        AppDbContext db, ContentPageDirectory directory, IOptions<CampaignOptions> options, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var site = options.Value.SiteUrl.TrimEnd('/');
        var news = await db.NewsItems.Published(time.GetUtcNow()).NewestFirst()
            .Select(n => new { n.Slug, n.PublishedAt })
            .ToListAsync(cancellationToken);
        var policies = await directory.CurrentPoliciesAsync(cancellationToken);

        var urls = PublicPagePaths().Select(path => Url(site + path, null))
            .Concat(news.Select(n => Url($"{site}/news/{n.Slug}", n.PublishedAt)))
            .Concat(policies.Select(p => Url($"{site}/{p.Page.Slug}", p.PublishedAt)));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(Sitemap + "urlset", urls));

        context.Response.Headers.CacheControl = "public, max-age=900";
        return Results.Text(document.Declaration + "\n" + document.Root, "application/xml", Encoding.UTF8);
    }

    private static XElement Url(string location, DateTimeOffset? lastModified) =>
        new(Sitemap + "url",
            new XElement(Sitemap + "loc", location),
            lastModified is { } modified
                ? new XElement(Sitemap + "lastmod", modified.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                : null);
}
