using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using ItStopsHere.Tests.Support;

namespace ItStopsHere.Tests.Infrastructure;

/// <summary>
/// Static files come from the build's static web assets (MapStaticAssets): pages link fingerprinted
/// URLs, which are cached for a year, sent compressed when the browser asks, and carry ETags; the
/// plain names still work for anything that links them (share cards, the browser's favicon request).
/// </summary>
public partial class StaticAssetTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    [GeneratedRegex(@"(?:href|src)=""(/(?:css|js|img)/[^""]+)""")]
    private static partial Regex LinkedAsset();

    [Theory]
    [InlineData("/")]
    [InlineData("/pledge")]
    public async Task Page_LinksStaticFilesByFingerprintedName(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        var html = await client.GetStringAsync(path);

        var assets = LinkedAsset().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains(assets, a => a.StartsWith("/css/site.", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/js/site.", StringComparison.Ordinal));
        Assert.DoesNotContain("?v=", html, StringComparison.Ordinal);
        foreach (var asset in assets.Where(a => a.EndsWith(".css", StringComparison.Ordinal) || a.EndsWith(".js", StringComparison.Ordinal)))
        {
            Assert.Matches(@"^/(css|js)/[\w-]+\.[a-z0-9]{6,}\.(css|js)$", asset);
        }
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip, deflate", "gzip")]
    public async Task FingerprintedStylesheet_ComesCompressed_CachedForAYear_WithETag(string acceptEncoding, string expectedEncoding)
    {
        var client = factory.CreateBrowserLikeClient();
        var stylesheet = await LinkedStylesheetAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, stylesheet);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([expectedEncoding], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        var cacheControl = response.Headers.CacheControl;
        Assert.NotNull(cacheControl);
        Assert.Equal(TimeSpan.FromDays(365), cacheControl.MaxAge);
        Assert.Contains(cacheControl.Extensions, e => e.Name == "immutable");
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);

        var compressed = await response.Content.ReadAsByteArrayAsync();
        var css = Decompress(compressed, expectedEncoding);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(RepositoryWebRoot(), "css", "site.css")), css);
        Assert.True(compressed.Length < css.Length / 3, $"{compressed.Length} bytes compressed from {css.Length}.");
    }

    [Fact]
    public async Task FingerprintedStylesheet_WithoutAcceptEncoding_ComesAsIs()
    {
        var client = factory.CreateBrowserLikeClient();
        var stylesheet = await LinkedStylesheetAsync(client);

        using var response = await client.GetAsync(stylesheet);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(RepositoryWebRoot(), "css", "site.css")), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task FingerprintedStylesheet_WithItsETag_IsNotModified()
    {
        var client = factory.CreateBrowserLikeClient();
        var stylesheet = await LinkedStylesheetAsync(client);
        using var first = await client.GetAsync(stylesheet);
        using var request = new HttpRequestMessage(HttpMethod.Get, stylesheet);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/js/site.js", "text/javascript")]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/img/icon.svg", "image/svg+xml")]
    [InlineData("/img/share-card.png", "image/png")]
    public async Task PlainName_StillServed_ButRevalidated(string path, string contentType)
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        // A plain name may change content under the same URL, so it must never be cached for good.
        Assert.DoesNotContain(response.Headers.CacheControl?.Extensions ?? [], e => e.Name == "immutable");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task StaticFile_CarriesTheSecurityHeaders()
    {
        var client = factory.CreateBrowserLikeClient();
        var stylesheet = await LinkedStylesheetAsync(client);

        using var response = await client.GetAsync(stylesheet);

        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
    }

    [Fact]
    public async Task MissingStaticFile_IsTheSite404()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/css/no-such-file.css");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ChildProcessApp_ServesTheSameCompressedFingerprintedFiles()
    {
        // The app started from its build output (as `dotnet run` and the crash tests do), not in-process.
        var databasePath = SiteFactory.NewDatabasePath();
        try
        {
            await using var app = await ChildApp.StartAsync(databasePath, new Dictionary<string, string>());
            using var client = app.CreateClient();
            var stylesheet = await LinkedStylesheetAsync(client);
            using var request = new HttpRequestMessage(HttpMethod.Get, stylesheet);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");

            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
            Assert.Contains(response.Headers.CacheControl!.Extensions, e => e.Name == "immutable");
            var css = Decompress(await response.Content.ReadAsByteArrayAsync(), "br");
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(RepositoryWebRoot(), "css", "site.css")), css);
        }
        finally
        {
            SiteFactory.DeleteDatabase(databasePath);
        }
    }

    private static async Task<string> LinkedStylesheetAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/");
        return LinkedAsset().Matches(html).Select(m => m.Groups[1].Value).First(a => a.StartsWith("/css/site.", StringComparison.Ordinal));
    }

    internal static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br"
            ? new BrotliStream(input, CompressionMode.Decompress)
            : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    private static string RepositoryWebRoot() => Path.Combine(AppProcessCore.RepositoryRoot(), "wwwroot");
}
