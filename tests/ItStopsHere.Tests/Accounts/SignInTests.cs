using System.Net;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Infrastructure;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Tests.Accounts;

public class SignInTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Post_RightPassword_SignsInAndGoesToAdminHome()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.PostLoginAsync(user.Email, user.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        var home = await client.GetHtmlAsync("/admin");
        Assert.Equal(user.Email, home.QuerySelector("[data-signed-in-email]").Text());
        Assert.Equal("Moderator", home.QuerySelector("[data-signed-in-role]").Text());
        var entries = await factory.AuditFor(user.Id);
        Assert.Contains(entries, e => e.Action == AuditActions.SignedIn && e.ActorId == user.Id && e.ActorName == user.Email);
        Assert.NotNull((await factory.FindUserAsync(user.Id))!.LastSignedInAt);
    }

    [Fact]
    public async Task Post_SignIn_SetsHttpOnlySecureStrictSessionCookie()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.PostLoginAsync(user.Email, user.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ish.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        // A session cookie: gone when the browser closes; the idle timeout lives inside the ticket.
        Assert.DoesNotContain("expires=", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public void AuthCookie_HasSlidingIdleTimeout()
    {
        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);

        Assert.True(options.SlidingExpiration);
        Assert.Equal(TimeSpan.FromMinutes(30), options.ExpireTimeSpan);
        Assert.Equal(SameSiteMode.Strict, options.Cookie.SameSite);
        Assert.Equal(CookieSecurePolicy.Always, options.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task Post_WrongPassword_RendersErrorWith400AndAuditsWithoutThePassword()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.PostLoginAsync(user.Email, "not-the-password-at-all");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        Assert.Contains("The email address or password is not right.", document.QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
        Assert.StartsWith("Error:", document.Title, StringComparison.Ordinal);
        Assert.Equal("", ((IHtmlInputElement)document.QuerySelector("#Input_Password")!).Value);
        Assert.Equal(user.Email, ((IHtmlInputElement)document.QuerySelector("#Input_Email")!).Value);
        var failure = Assert.Single(await factory.AuditFor(user.Id), e => e.Action == AuditActions.SignInFailed);
        Assert.Null(failure.ActorId);
        Assert.Contains("failed attempt 1 of 5", failure.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-at-all", failure.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownEmail_RendersSameErrorAndAuditsWithoutTheAddress()
    {
        var client = factory.CreateBrowserLikeClient();
        var before = (await factory.AllAuditAsync()).Count;

        using var response = await client.PostLoginAsync("nobody.here@example.ac.uk", "secret typed here");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The email address or password is not right.", (await response.ReadHtmlAsync()).QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
        var entry = (await factory.AllAuditAsync()).Skip(before).Single(e => e.Action == AuditActions.SignInFailed && e.RecordId is null);
        Assert.DoesNotContain("nobody.here", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MissingEmailAndPassword_RendersErrorsBesideFields()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.PostLoginAsync("", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        Assert.Equal("Enter your email address", document.QuerySelector("#Input_Email-error").Text().Replace("Error: ", "", StringComparison.Ordinal));
        Assert.Equal("Enter your password", document.QuerySelector("#Input_Password-error").Text().Replace("Error: ", "", StringComparison.Ordinal));
        var links = document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#Input_Email", "#Input_Password"], links);
        Assert.Equal("true", document.QuerySelector("#Input_Email")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Post_FiveWrongPasswords_LocksAccountFor15Minutes_EvenAgainstTheRightPassword()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = factory.CreateBrowserLikeClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await client.PostLoginAsync(user.Email, $"wrong password {attempt}");
            Assert.Contains("not right", (await wrong.ReadHtmlAsync()).QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
        }

        using var fifth = await client.PostLoginAsync(user.Email, "wrong password 5");
        var message = (await fifth.ReadHtmlAsync()).QuerySelector(".error-summary").Text();
        Assert.Contains("This account is locked because of 5 failed attempts to sign in", message, StringComparison.Ordinal);
        Assert.Contains("15 minutes", message, StringComparison.Ordinal);

        using var right = await client.PostLoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("This account is locked", (await right.ReadHtmlAsync()).QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
        using var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);

        var stored = await factory.FindUserAsync(user.Id);
        var lockedFor = stored!.LockoutEnd!.Value - DateTimeOffset.UtcNow;
        Assert.InRange(lockedFor.TotalMinutes, 14, 15.1);
        var entries = await factory.AuditFor(user.Id);
        Assert.Equal(4, entries.Count(e => e.Action == AuditActions.SignInFailed && e.Details!.Contains("wrong password", StringComparison.Ordinal)));
        Assert.Single(entries, e => e.Action == AuditActions.LockedOut);
        Assert.Contains(entries, e => e.Action == AuditActions.SignInFailed && e.Details == "Refused: the account is locked.");
        Assert.All(entries, e => Assert.DoesNotContain(user.Password, e.Details ?? "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/admin/audit", "/admin/audit")]
    [InlineData("https://evil.example/phish", "/admin")]
    [InlineData("//evil.example/phish", "/admin")]
    [InlineData("/\\evil.example", "/admin")]
    public async Task Post_SignIn_FollowsOnlyLocalReturnUrls(string returnUrl, string expected)
    {
        var user = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.PostLoginAsync(user.Email, user.Password, "/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_AdminPageAnonymously_ThenSignIn_ReturnsToThatPage()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = factory.CreateBrowserLikeClient();

        using var challenge = await client.GetAsync("/admin/users");
        var loginPath = challenge.Headers.Location!.PathAndQuery;
        using var response = await client.PostLoginAsync(user.Email, user.Password, loginPath);

        Assert.Equal("/admin/users", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Post_Logout_SignsOutAndIsAudited()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(user);

        using var response = await client.SubmitFormAsync("/account/logout");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        var login = await client.GetHtmlAsync("/account/login");
        Assert.Contains("You have signed out.", login.QuerySelector("[role=status]").Text(), StringComparison.Ordinal);
        Assert.Contains(await factory.AuditFor(user.Id), e => e.Action == AuditActions.SignedOut && e.ActorId == user.Id);
    }

    [Fact]
    public async Task Layout_ShowsSignedInBar_OnlyToSignedInStaff()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Admin);
        var anonymous = factory.CreateBrowserLikeClient();
        var staff = await factory.SignedInClientAsync(user);

        var publicPage = await anonymous.GetHtmlAsync("/help");
        var staffPage = await staff.GetHtmlAsync("/help");

        Assert.Null(publicPage.QuerySelector(".staff-bar"));
        var bar = staffPage.QuerySelector(".staff-bar");
        Assert.Contains($"Signed in as {user.Email} (Admin)", bar.Text(), StringComparison.Ordinal);
        Assert.NotNull(bar!.QuerySelector("form[action='/account/logout'] button"));
    }

    [Fact]
    public async Task LockedByAdmin_OpenSessionEndsAtNextRequest()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var moderator = await factory.CreateUserAsync(StaffRoles.Moderator);
        var moderatorClient = await factory.SignedInClientAsync(moderator);
        var adminClient = await factory.SignedInClientAsync(admin);

        using var locked = await adminClient.SubmitFormAsync($"/admin/users/{moderator.Id}", handler: "Lock");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);

        using var response = await moderatorClient.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        using var again = await factory.CreateBrowserLikeClient().PostLoginAsync(moderator.Email, moderator.Password);
        Assert.Contains("locked by an Admin", (await again.ReadHtmlAsync()).QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
    }
}
