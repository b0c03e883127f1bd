using System.Net;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Tests.Pages.Account;

public partial class SignInTests(SiteFactory factory) : IClassFixture<SiteFactory>
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
    public async Task Post_FiveWrongPasswords_PausesThatNetworkFor15Minutes_EvenAgainstTheRightPassword()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = factory.CreateBrowserLikeClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await client.PostLoginAsync(user.Email, $"wrong password {attempt}");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("The email address or password is not right.", (await wrong.ReadHtmlAsync()).QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
        }

        // Paused: the right password is not even checked, and the answer is the same as for a wrong one.
        using var right = await client.PostLoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        var message = (await right.ReadHtmlAsync()).QuerySelector(".error-summary").Text();
        Assert.Contains("The email address or password is not right.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("locked", message, StringComparison.OrdinalIgnoreCase);
        using var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);

        // The whole account is not locked by one network's failures.
        var stored = await factory.FindUserAsync(user.Id);
        Assert.Null(stored!.LockoutEnd);
        var entries = await factory.AuditFor(user.Id);
        Assert.Equal(4, entries.Count(e => e.Action == AuditActions.SignInFailed && e.Details!.Contains("wrong password", StringComparison.Ordinal)));
        var paused = Assert.Single(entries, e => e.Action == AuditActions.LockedOut);
        Assert.Contains("paused for 15 minutes after 5 failed attempts", paused.Details, StringComparison.Ordinal);
        Assert.Contains(entries, e => e.Action == AuditActions.SignInFailed && e.Details!.StartsWith("Refused: sign-in from this network is paused", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(user.Password, e.Details ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_PausedLockedWrongAndUnknown_AnswerIdentically_AndTheOwnerIsEmailed()
    {
        var paused = await factory.CreateUserAsync(StaffRoles.Admin);
        var lockedByAdmin = await factory.CreateUserAsync(StaffRoles.Moderator);
        var other = await factory.CreateUserAsync(StaffRoles.Moderator);
        await factory.WithDbAsync(async db =>
        {
            var row = await db.Users.SingleAsync(u => u.Id == lockedByAdmin.Id);
            row.LockoutEnd = DateTimeOffset.MaxValue;
            return await db.SaveChangesAsync();
        });
        var client = factory.CreateBrowserLikeClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await client.PostLoginAsync(paused.Email, $"wrong password {attempt}");
        }

        const string typed = "typed.address@example.ac.uk";
        async Task<(HttpStatusCode Status, string? Type, string Body)> AnswerAsync(string email, string password)
        {
            using var response = await client.PostLoginAsync(email, password);
            var body = await response.Content.ReadAsStringAsync();
            body = AntiforgeryToken().Replace(body, "[token]").Replace(email, typed, StringComparison.Ordinal);
            return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
        }

        var pausedRight = await AnswerAsync(paused.Email, paused.Password);
        var pausedWrong = await AnswerAsync(paused.Email, "another wrong password");
        var lockedRight = await AnswerAsync(lockedByAdmin.Email, lockedByAdmin.Password);
        var wrongPassword = await AnswerAsync(other.Email, "not the password at all");
        var unknown = await AnswerAsync("no.such.person@example.ac.uk", "not the password at all");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains(typed, unknown.Body, StringComparison.Ordinal);
        Assert.Equal(unknown, wrongPassword);
        Assert.Equal(unknown, pausedRight);
        Assert.Equal(unknown, pausedWrong);
        Assert.Equal(unknown, lockedRight);

        // The owner hears about it instead: one email (at most one per 15 minutes), with no link that signs in.
        MimeKit.MimeMessage? notice = null;
        await Eventually.TrueAsync(() => (notice = MailTo(paused.Email).SingleOrDefault()) is not null, what: "the pause notice in the mail folder");
        Assert.Contains("Failed attempts to sign in", notice!.Subject, StringComparison.Ordinal);
        Assert.Contains("5 times in a row", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("paused until", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("token", notice.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(MailTo(other.Email));
    }

    [Fact]
    public async Task Post_PausedNetwork_DoesNotStopTheOwnerFromAnotherNetwork_AndAdminUnlockEndsThePause()
    {
        await using var site = new SiteFactory().WithClientAddresses();
        var user = await site.CreateUserAsync(StaffRoles.Moderator);
        var admin = await site.CreateUserAsync(StaffRoles.Admin);
        var stranger = site.ClientFrom("203.0.113.9");
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            using var wrong = await stranger.PostLoginAsync(user.Email, $"guess {attempt}");
        }

        using var strangerRight = await stranger.PostLoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.BadRequest, strangerRight.StatusCode);

        using var owner = await site.ClientFrom("198.51.100.20").PostLoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);

        var adminClient = site.ClientFrom("198.51.100.30");
        using (var signedIn = await adminClient.PostLoginAsync(admin.Email, admin.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var details = await adminClient.GetHtmlAsync($"/admin/users/{user.Id}");
        Assert.NotNull(details.QuerySelector("form[action*='handler=Unlock']"));
        using var unlocked = await adminClient.SubmitFormAsync($"/admin/users/{user.Id}", handler: "Unlock");
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        using var afterUnlock = await stranger.PostLoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, afterUnlock.StatusCode);
    }

    [Fact]
    public async Task Post_TooManySignInsFromOneNetwork_Gets429Page_WhileOtherNetworksAndReadingStillWork()
    {
        await using var site = new SiteFactory()
            .With("Accounts:SignInRateLimit:Burst", "3")
            .With("Accounts:SignInRateLimit:PerHour", "1")
            .WithClientAddresses();
        var user = await site.CreateUserAsync(StaffRoles.Moderator);
        var client = site.ClientFrom("203.0.113.40");
        for (var i = 0; i < 3; i++)
        {
            // Different addresses each time: the limit is on the network, not on one account.
            using var refused = await client.PostLoginAsync($"someone.{i}@example.ac.uk", "not the password at all");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var limited = await client.PostLoginAsync(user.Email, user.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.FromSeconds(60));
        var page = await limited.ReadHtmlAsync();
        Assert.Equal("Too many attempts", page.QuerySelector("h1").Text());
        Assert.Contains("try again after", page.QuerySelector(".lead").Text(), StringComparison.Ordinal);
        using var reading = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
        using var elsewhere = await site.ClientFrom("198.51.100.41").PostLoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
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
    public async Task Post_Logout_RefusesACopyOfTheOldCookie()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = factory.CreateBrowserLikeClient();
        string saved;
        using (var signedIn = await client.PostLoginAsync(user.Email, user.Password))
        {
            saved = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ish.auth=", StringComparison.Ordinal)).Split(';', 2)[0];
        }

        var copy = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        copy.DefaultRequestHeaders.Add("Cookie", saved);
        using (var before = await copy.GetAsync("/admin"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var logout = await client.SubmitFormAsync("/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var after = await copy.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/login", after.Headers.Location!.AbsolutePath);
        using var audit = await copy.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, audit.StatusCode);
        // Signing in again works as before.
        using var again = await factory.CreateBrowserLikeClient().PostLoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
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
        // The sign-in form does not say the account is locked (that would tell anyone it exists).
        using var again = await factory.CreateBrowserLikeClient().PostLoginAsync(moderator.Email, moderator.Password);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("The email address or password is not right.", (await again.ReadHtmlAsync()).QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
    }

    private List<MimeKit.MimeMessage> MailTo(string address) =>
        !Directory.Exists(factory.MailFolder)
            ? []
            : Directory.GetFiles(factory.MailFolder, "*.eml")
                .Select(path => MimeKit.MimeMessage.Load(path))
                .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
                .ToList();

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"|value=\"[^\"]*\" name=\"__RequestVerificationToken\"")]
    private static partial System.Text.RegularExpressions.Regex AntiforgeryToken();
}
