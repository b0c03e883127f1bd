using System.Net;
using ItStopsHere.Tests.Support;

namespace ItStopsHere.Tests.Site;

/// <summary>
/// Security headers on every kind of response (content, the pledge form, thank-you, account, admin,
/// error, the live stream, JSON, static files), a CSP that never allows inline or eval'd script, and
/// every cookie the site sets marked HttpOnly, Secure and SameSite.
/// </summary>
public class PageTypeSecurityTests(PledgeSiteFactory factory) : IClassFixture<PledgeSiteFactory>
{
    [Fact]
    public async Task EveryPageType_CarriesSecurityHeaders_AndEveryCookieIsLockedDown()
    {
        var visitor = Client();
        var responses = new List<(string What, HttpResponseMessage Response)>();

        async Task GetAsync(string what, HttpClient client, string path, bool stream = false)
        {
            var response = await client.GetAsync(path, stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead);
            responses.Add((what, response));
        }

        await GetAsync("content", visitor, "/help");
        await GetAsync("home", visitor, "/");
        await GetAsync("pledge form", visitor, "/pledge");
        var signed = await visitor.SignAsync(PledgeTestData.ValidForm($"headers-{Guid.NewGuid():N}@example.test"));
        responses.Add(("pledge post (redirect)", signed));
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        await GetAsync("thank-you", visitor, signed.Headers.Location!.OriginalString);
        await GetAsync("signatures list", visitor, "/pledge/signatures");
        await GetAsync("JSON", visitor, "/pledge/stats");
        await GetAsync("live stream (SSE)", visitor, "/pledge/live", stream: true);
        await GetAsync("static file", visitor, "/css/site.css");
        await GetAsync("not found (error page)", visitor, "/no-such-page");
        await GetAsync("account: sign in", visitor, "/account/login");
        await GetAsync("admin, signed out (redirect)", visitor, "/admin");

        var admin = await factory.CreateUserAsync("Admin");
        var staff = Client();
        var login = await staff.PostLoginAsync(admin.Email, admin.Password);
        responses.Add(("sign-in post", login));
        await GetAsync("admin", staff, "/admin");
        await GetAsync("admin: users", staff, "/admin/users");
        await GetAsync("admin: audit", staff, "/admin/audit");
        await GetAsync("account: change password", staff, "/account/change-password");

        var cookiesSeen = 0;
        foreach (var (what, response) in responses)
        {
            using (response)
            {
                Assert.True((int)response.StatusCode < 500, $"{what} answered {(int)response.StatusCode}");
                var csp = Header(response, "Content-Security-Policy", what);
                Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
                Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
                Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
                Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
                Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
                Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
                Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
                Assert.Equal("nosniff", Header(response, "X-Content-Type-Options", what));
                Assert.Equal("DENY", Header(response, "X-Frame-Options", what));
                Assert.Equal("no-referrer", Header(response, "Referrer-Policy", what));
                Assert.Contains("camera=()", Header(response, "Permissions-Policy", what), StringComparison.Ordinal);
                Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy", what));
                Assert.Contains("max-age=", Header(response, "Strict-Transport-Security", what), StringComparison.Ordinal);
                Assert.False(response.Headers.Contains("Server"), $"{what} names the server software");

                foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
                {
                    cookiesSeen++;
                    var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
                    var name = cookie.Split('=', 2)[0];
                    Assert.True(attributes.Contains("httponly"), $"{what}: cookie {name} is not HttpOnly");
                    Assert.True(attributes.Contains("secure"), $"{what}: cookie {name} is not Secure");
                    Assert.True(attributes.Any(a => a is "samesite=strict" or "samesite=lax"), $"{what}: cookie {name} has no SameSite=Strict or Lax");
                }
            }
        }

        // The antiforgery cookie and the sign-in cookie at least.
        Assert.True(cookiesSeen >= 2, $"Expected the site to set cookies on these pages; saw {cookiesSeen}.");
    }

    /// <summary>A browser-like client on a real host name: HSTS is never sent to localhost.</summary>
    private HttpClient Client() =>
        factory.CreateClient(new() { BaseAddress = new Uri("https://itstopshere.example"), AllowAutoRedirect = false, HandleCookies = true });

    private static string Header(HttpResponseMessage response, string name, string what)
    {
        if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
        {
            return string.Join(", ", values);
        }

        Assert.Fail($"{name} header missing from {what} ({response.RequestMessage?.RequestUri})");
        return "";
    }
}
