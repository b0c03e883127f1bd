using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Pages.Admin;

/// <summary>
/// Every page under /admin, found from the app's own endpoints (so a page added tomorrow is checked
/// too): anonymous visitors are sent to sign in, Moderators get 403 on Admin-only pages, and the pages
/// open for the roles that should have them.
/// </summary>
public class AdminAuthorizationTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    /// <summary>Pages a Moderator may open, written out here independently of the app's convention.</summary>
    private static bool ModeratorMayOpen(string path) =>
        path == "/admin" || path.StartsWith("/admin/moderation/", StringComparison.Ordinal) || path == "/admin/moderation";

    /// <summary>
    /// A value for each route parameter an admin page may have: a real record of the kind the page is
    /// about (the seeded news and myths, or a sample user). A new parameter or section fails the test until
    /// it is given one.
    /// </summary>
    /// <summary>Pages an Editor may open: the admin home, the editable pages (and their lists, help lines and figures) and the policies, nothing else.</summary>
    private static bool EditorMayOpen(string path) =>
        path == "/admin" || path == "/admin/pages" || path.StartsWith("/admin/pages/", StringComparison.Ordinal)
        || path == "/admin/help-lines" || path.StartsWith("/admin/help-lines/", StringComparison.Ordinal)
        || path == "/admin/impact-figures" || path.StartsWith("/admin/impact-figures/", StringComparison.Ordinal)
        || path == "/admin/policies" || path.StartsWith("/admin/policies/", StringComparison.Ordinal);

    private string Fill(string template, TestUser sample) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{(?<name>[^}:?]+)[^}]*\}", match => match.Groups["name"].Value switch
        {
            "id" when template.StartsWith("/admin/users/", StringComparison.Ordinal) => sample.Id,
            "id" when template.StartsWith("/admin/news/", StringComparison.Ordinal) => SampleId(db => db.NewsItems.Select(n => n.Id)),
            "id" when template.StartsWith("/admin/myths/", StringComparison.Ordinal) => SampleId(db => db.Myths.Select(m => m.Id)),
            "slug" or "**slug" when template.StartsWith("/admin/pages/", StringComparison.Ordinal) => "consent",
            "list" when template.StartsWith("/admin/pages/lists/", StringComparison.Ordinal) => "five-ds",
            "key" when template.StartsWith("/admin/help-lines/", StringComparison.Ordinal) => "samaritans",
            "key" when template.StartsWith("/admin/impact-figures/", StringComparison.Ordinal) => "figure-1",
            var other => throw new InvalidOperationException($"Give the authorisation test a sample value for route parameter '{other}' in {template}."),
        });

    private string SampleId(Func<AppDbContext, IQueryable<int>> ids) =>
        factory.WithDbAsync(db => ids(db).OrderBy(id => id).FirstAsync()).GetAwaiter().GetResult().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private IReadOnlyList<(string Path, string Template)> AdminPages(TestUser sample)
    {
        _ = factory.CreateClient(); // starts the app, which maps the endpoints
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null
                || e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(t => t.Equals("/admin", StringComparison.OrdinalIgnoreCase) || t.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .ToList();
        return endpoints.Select(t => (Fill(t, sample), t)).ToList();
    }

    [Fact]
    public async Task AdminArea_HasTheExpectedPages()
    {
        var sample = await factory.CreateUserAsync(StaffRoles.Moderator);

        var templates = AdminPages(sample).Select(p => p.Template).ToList();

        // A floor, not a ceiling: new pages are welcome, and each is then checked by the tests below.
        Assert.Contains("/admin", templates);
        Assert.Contains("/admin/users", templates);
        Assert.Contains("/admin/users/add", templates);
        Assert.Contains("/admin/users/{id}", templates);
        Assert.Contains("/admin/users/{id}/remove", templates);
        Assert.Contains("/admin/audit", templates);
        Assert.Contains("/admin/news", templates);
        Assert.Contains("/admin/news/new", templates);
        Assert.Contains("/admin/news/{id:int}", templates);
        Assert.Contains("/admin/news/{id:int}/delete", templates);
        Assert.Contains("/admin/myths", templates);
        Assert.Contains("/admin/myths/new", templates);
        Assert.Contains("/admin/myths/{id:int}", templates);
        Assert.Contains("/admin/myths/{id:int}/delete", templates);
        Assert.Contains("/admin/settings", templates);
        Assert.Contains("/admin/pages", templates);
        Assert.Contains("/admin/pages/{**slug}", templates);
        Assert.Contains("/admin/pages/lists/{list}", templates);
        Assert.Contains("/admin/policies", templates);
        Assert.Contains("/admin/policies/new", templates);
        Assert.Contains("/admin/help-lines", templates);
        Assert.Contains("/admin/help-lines/edit/{key?}", templates);
        Assert.Contains("/admin/impact-figures", templates);
        Assert.Contains("/admin/impact-figures/edit/{key?}", templates);
    }

    [Fact]
    public async Task Editor_ReachesTheAdminHomeAndEditablePagesOnly_EverythingElseAnswers403()
    {
        var editor = await factory.CreateUserAsync(StaffRoles.Editor);
        var sample = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(editor);
        var pages = AdminPages(sample);

        Assert.Contains(pages, p => EditorMayOpen(p.Path) && p.Path != "/admin");
        foreach (var (path, _) in pages)
        {
            using var get = await client.GetAsync(path);
            if (EditorMayOpen(path))
            {
                Assert.True(get.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)get.StatusCode} to an Editor");
            }
            else
            {
                Assert.True(get.StatusCode == HttpStatusCode.Forbidden, $"GET {path} answered {(int)get.StatusCode} to an Editor");
                using var post = await client.PostAsync(path, new FormUrlEncodedContent([]));
                Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"POST {path} answered {(int)post.StatusCode} to an Editor");
            }
        }

        // The admin home offers an Editor the pages, not the pledge's figures or moderation.
        var home = await client.GetHtmlAsync("/admin");
        Assert.Contains(home.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/admin/pages");
        Assert.DoesNotContain(home.QuerySelectorAll("main a"), a => a.GetAttribute("href")!.StartsWith("/admin/moderation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Anonymous_EveryAdminPage_RedirectsToSignInWithReturnUrl()
    {
        var sample = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = factory.CreateBrowserLikeClient();

        foreach (var (path, _) in AdminPages(sample))
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                using var request = new HttpRequestMessage(method, path);
                if (method == HttpMethod.Post)
                {
                    request.Content = new FormUrlEncodedContent([]);
                }

                using var response = await client.SendAsync(request);

                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {path} answered {(int)response.StatusCode} to an anonymous visitor");
                var location = response.Headers.Location!;
                Assert.Equal("/account/login", location.AbsolutePath);
                Assert.Equal(QueryString.Create("ReturnUrl", path).Value, location.Query);
            }
        }
    }

    [Fact]
    public async Task Moderator_AdminOnlyPages_Answer403_AndModeratorPages_Answer200()
    {
        var moderator = await factory.CreateUserAsync(StaffRoles.Moderator);
        var sample = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = await factory.SignedInClientAsync(moderator);
        var pages = AdminPages(sample);

        Assert.Contains(pages, p => !ModeratorMayOpen(p.Path));
        foreach (var (path, _) in pages)
        {
            using var get = await client.GetAsync(path);
            if (ModeratorMayOpen(path))
            {
                Assert.True(get.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)get.StatusCode} to a Moderator");
            }
            else
            {
                Assert.True(get.StatusCode == HttpStatusCode.Forbidden, $"GET {path} answered {(int)get.StatusCode} to a Moderator");
                using var post = await client.PostAsync(path, new FormUrlEncodedContent([]));
                Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"POST {path} answered {(int)post.StatusCode} to a Moderator");
            }
        }
    }

    [Theory]
    [InlineData(StaffRoles.CaseManager)]
    [InlineData(StaffRoles.Adviser)]
    public async Task CaseStaff_EveryAdminPage_Answers403_AndTheirOwnAccountPagesOpen(string role)
    {
        var staff = await factory.CreateUserAsync(role);
        var sample = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(staff);

        foreach (var (path, _) in AdminPages(sample))
        {
            using var get = await client.GetAsync(path);
            Assert.True(get.StatusCode == HttpStatusCode.Forbidden, $"GET {path} answered {(int)get.StatusCode} to a {role}");
            using var post = await client.PostAsync(path, new FormUrlEncodedContent([]));
            Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"POST {path} answered {(int)post.StatusCode} to a {role}");
        }

        foreach (var path in new[] { "/cases", "/account/change-password", "/account/two-factor" })
        {
            using var own = await client.GetAsync(path);
            Assert.True(own.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)own.StatusCode} to a {role}");
        }
    }

    [Fact]
    public async Task Admin_EveryAdminPage_Answers200()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var sample = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(admin);

        foreach (var (path, _) in AdminPages(sample))
        {
            using var response = await client.GetAsync(path);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode} to an Admin");
            var document = await response.ReadHtmlAsync();
            Assert.Single(document.QuerySelectorAll("h1"));
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path} may be stored by the browser");
        }
    }

    [Fact]
    public async Task Moderator_AdminOnlyPage_ShowsFriendly403Page()
    {
        var moderator = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(moderator);

        using var response = await client.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        Assert.Equal("You do not have access to this page", document.QuerySelector("h1").Text());
        Assert.Contains("ask an Admin", document.QuerySelector("main").Text(), StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("[data-quick-exit]"));
    }

    [Fact]
    public async Task AccountPages_NeedSignIn_ExceptSigningIn()
    {
        var client = factory.CreateBrowserLikeClient();

        foreach (var path in new[] { "/account/change-password", "/account/two-factor" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        }

        foreach (var path in new[] { "/account/login", "/account/logout", "/account/set-password" })
        {
            using var response = await client.GetAsync(path);
            Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        }
    }

    [Fact]
    public void Convention_NewPageUnderAdmin_IsAdminOnlyByDefault()
    {
        Assert.Equal("Admin", ItStopsHere.Web.Accounts.StaffAreaAuthorization.PolicyForAdminPage("/Admin/Anything/New"));
        Assert.Equal("Admin", ItStopsHere.Web.Accounts.StaffAreaAuthorization.PolicyForAdminPage("/Admin/ModerationSettings"));
        // Moderation is for Admins and Moderators (not Editors); the editable pages for Admins and Editors (not Moderators).
        Assert.Equal("Moderation", ItStopsHere.Web.Accounts.StaffAreaAuthorization.PolicyForAdminPage("/Admin/Moderation/Queue"));
        Assert.Equal("Content", ItStopsHere.Web.Accounts.StaffAreaAuthorization.PolicyForAdminPage("/Admin/Pages/Edit"));
        Assert.Equal("Content", ItStopsHere.Web.Accounts.StaffAreaAuthorization.PolicyForAdminPage("/Admin/Pages/List"));
        Assert.Equal("Content", ItStopsHere.Web.Accounts.StaffAreaAuthorization.PolicyForAdminPage("/Admin/Policies/New"));
        Assert.Equal("Staff", ItStopsHere.Web.Accounts.StaffAreaAuthorization.PolicyForAdminPage("/Admin/Index"));
    }
}
