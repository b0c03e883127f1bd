using System.Net;
using System.Text;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Infrastructure;

/// <summary>
/// Pages are compressed only when they hold no secret (BREACH; see <see cref="HtmlCompression"/>):
/// public pages are, pages with an antiforgery token or one person's data never are.
/// </summary>
public class CompressionTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("/consent", "br")]
    [InlineData("/consent", "gzip")]
    [InlineData("/", "br")]
    [InlineData("/help", "br")]
    [InlineData("/news", "gzip")]
    [InlineData("/news/feed.xml", "br")]
    [InlineData("/sitemap.xml", "gzip")]
    public async Task PublicPage_ComesCompressed_WhenAskedFor(string path, string encoding)
    {
        var client = factory.CreateBrowserLikeClient();
        using var plain = await client.GetAsync(path);
        var expected = await plain.Content.ReadAsStringAsync();

        using var response = await GetAsync(client, path, encoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var body = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(StaticAssetTests.Decompress(body, encoding));
        Assert.Equal(expected.Length, text.Length);
        Assert.True(body.Length < text.Length / 2, $"{path}: {body.Length} bytes compressed from {text.Length}.");
    }

    [Fact]
    public async Task PublicPage_WithoutAcceptEncoding_IsNotCompressed()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/consent");

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("<h1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/pledge")]
    [InlineData("/account/login")]
    public async Task PageWithAntiforgeryToken_IsNeverCompressed(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await GetAsync(client, path, "br, gzip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        // The test means something only if the page does carry a token.
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/pledge/manage?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/pledge/confirm?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/pledge/thank-you")]
    [InlineData("/no-such-page")]
    public async Task SignerPagesAndErrors_AreNotCompressed(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await GetAsync(client, path, "br, gzip");

        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/consent")]
    [InlineData("/admin")]
    public async Task SignedInStaff_GetNothingCompressed(string path)
    {
        // The staff bar on every page shows the person's email address and a sign-out form with a token.
        var staff = await factory.SignedInClientAsync(await factory.CreateUserAsync("Moderator"));

        using var response = await GetAsync(staff, path, "br, gzip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryCompressiblePage_HasNoFormThatPosts_AndNoToken()
    {
        var client = factory.CreateBrowserLikeClient();
        var pages = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<HtmlCompression.PublicResponse>() is not null)
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>())
            .OfType<PageActionDescriptor>()
            .ToList();

        // Every page in the list exists (a renamed page would silently lose its compression).
        Assert.Equal(HtmlCompression.Pages.Order(StringComparer.Ordinal), pages.Select(p => p.ViewEnginePath).Distinct().Order(StringComparer.Ordinal));
        foreach (var page in pages)
        {
            var path = "/" + page.AttributeRouteInfo!.Template!.Replace("{slug}", "thank-you-from-the-welcome-fair", StringComparison.Ordinal);
            using var response = await GetAsync(client, path, "br");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
            var html = Encoding.UTF8.GetString(StaticAssetTests.Decompress(await response.Content.ReadAsByteArrayAsync(), "br"));
            Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
            Assert.DoesNotContain("method=\"post\"", html, StringComparison.OrdinalIgnoreCase);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{path} sets a cookie.");
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await client.SendAsync(request);
    }
}
