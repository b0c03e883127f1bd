using ItStopsHere.Tests.Support;

namespace ItStopsHere.Tests.Infrastructure;

public class SecurityHeaderTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/help")]
    [InlineData("/no-such-page")]
    [InlineData("/health")]
    [InlineData("/css/site.css")]
    public async Task Get_AnyResponse_CarriesSecurityHeaders(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Contains("geolocation=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Server"), "The server header names our stack to attackers.");
    }

    [Fact]
    public async Task Get_OverHttps_SendsHsts()
    {
        await using var site = new SiteFactory();
        var client = site.CreateClient(new() { BaseAddress = new Uri("https://itstopshere.example") });

        using var response = await client.GetAsync("/");

        Assert.Contains("max-age=31536000", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OverHttpWithHttpsPort_RedirectsToHttps()
    {
        await using var site = new SiteFactory().With("https_port", "443");
        var client = site.CreateClient(new() { BaseAddress = new Uri("http://itstopshere.example"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/help");

        Assert.Equal(System.Net.HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://itstopshere.example/help", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Get_WithForwardedHeadersFromUnknownProxy_IgnoresThem()
    {
        var client = factory.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/help");
        request.Headers.Add("X-Forwarded-Proto", "http");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await client.SendAsync(request);

        // Had the header been believed, the HTTPS request would look like HTTP and lose HSTS.
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static string Header(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
        {
            return string.Join(", ", values);
        }

        Assert.Fail($"{name} header missing from {response.RequestMessage?.RequestUri}");
        return "";
    }
}
