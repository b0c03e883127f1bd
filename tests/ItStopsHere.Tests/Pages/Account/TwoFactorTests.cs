using System.Net;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Tests.Pages.Account;

public class TwoFactorTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    /// <summary>Turns on two-factor authentication as a person would and returns the key and the recovery codes shown.</summary>
    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(HttpClient client)
    {
        var setup = await client.GetHtmlAsync("/account/two-factor");
        var key = setup.QuerySelector("[data-shared-key]").Text().Replace(" ", "", StringComparison.Ordinal);
        using var enabled = await client.SubmitFormAsync("/account/two-factor", new Dictionary<string, string?> { ["Enable.Code"] = Totp.Code(key) }, handler: "Enable");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        var after = await client.GetHtmlAsync("/account/two-factor");
        var codes = after.QuerySelectorAll("[data-recovery-codes] code").Select(c => c.Text()).ToList();
        return (key, codes);
    }

    private static async Task<HttpResponseMessage> PasswordStepAsync(HttpClient client, TestUser user)
    {
        var response = await client.PostLoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login/two-factor", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return response;
    }

    [Fact]
    public async Task Get_TwoFactorSetup_ShowsKeyAndServerRenderedQrCode()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(user);

        var page = await client.GetHtmlAsync("/account/two-factor");

        var key = page.QuerySelector("[data-shared-key]").Text();
        Assert.Matches("^[a-z2-7]{4}( [a-z2-7]{1,4})+$", key);
        var qr = (IHtmlImageElement)page.QuerySelector("img.qr-code")!;
        Assert.StartsWith("data:image/svg+xml;base64,", qr.GetAttribute("src"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(qr.AlternativeText));
        var svg = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(qr.GetAttribute("src")!["data:image/svg+xml;base64,".Length..]));
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task Post_Enable_WithWrongCode_RendersError()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(user);

        using var response = await client.SubmitFormAsync("/account/two-factor", new Dictionary<string, string?> { ["Enable.Code"] = "000000" }, handler: "Enable");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("That code is not right", (await response.ReadHtmlAsync()).QuerySelector("#Enable_Code-error").Text(), StringComparison.Ordinal);
        Assert.False((await factory.FindUserAsync(user.Id))!.TwoFactorEnabled);
    }

    [Fact]
    public async Task Enrol_ThenSignIn_NeedsAuthenticatorCode()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Admin);
        var (key, codes) = await EnrolAsync(await factory.SignedInClientAsync(user));
        Assert.Equal(10, codes.Count);
        Assert.True((await factory.FindUserAsync(user.Id))!.TwoFactorEnabled);

        var client = factory.CreateBrowserLikeClient();
        await PasswordStepAsync(client, user);
        using var notYet = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, notYet.StatusCode);

        using var wrong = await client.SubmitFormAsync("/account/login/two-factor", new Dictionary<string, string?> { ["Input.Code"] = "123 456" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

        var code = Totp.Code(key);
        using var right = await client.SubmitFormAsync("/account/login/two-factor", new Dictionary<string, string?> { ["Input.Code"] = code[..3] + " " + code[3..] });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/admin", right.Headers.Location?.OriginalString);
        using var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);

        var entries = await factory.AuditFor(user.Id);
        Assert.Contains(entries, e => e.Action == AuditActions.TwoFactorEnabled);
        Assert.Contains(entries, e => e.Action == AuditActions.SignInFailed && e.Details!.Contains("wrong authenticator code", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == AuditActions.SignedIn && e.Details!.Contains("authenticator code", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(key, e.Details ?? "", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TwoFactorStep_WithoutPasswordFirst_GoesBackToSignIn()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/account/login/two-factor");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce_AndNotTwice()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Moderator);
        var (_, codes) = await EnrolAsync(await factory.SignedInClientAsync(user));

        var client = factory.CreateBrowserLikeClient();
        await PasswordStepAsync(client, user);
        using var used = await client.SubmitFormAsync("/account/login/recovery-code", new Dictionary<string, string?> { ["Input.Code"] = codes[0].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal) });
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        var home = await client.GetHtmlAsync("/admin");
        Assert.Contains("9 left", home.QuerySelector("[role=status]").Text(), StringComparison.Ordinal);

        var second = factory.CreateBrowserLikeClient();
        await PasswordStepAsync(second, user);
        using var again = await second.SubmitFormAsync("/account/login/recovery-code", new Dictionary<string, string?> { ["Input.Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already been used", (await again.ReadHtmlAsync()).QuerySelector("#Input_Code-error").Text(), StringComparison.Ordinal);
        Assert.Contains(await factory.AuditFor(user.Id), e => e.Action == AuditActions.RecoveryCodeUsed && e.Details == "9 recovery codes left.");
    }

    [Fact]
    public async Task NewRecoveryCodes_ReplaceTheOldOnes()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(user);
        var (_, oldCodes) = await EnrolAsync(client);

        using var response = await client.SubmitFormAsync("/account/two-factor", handler: "RecoveryCodes");
        var page = await client.GetHtmlAsync("/account/two-factor");
        var newCodes = page.QuerySelectorAll("[data-recovery-codes] code").Select(c => c.Text()).ToList();

        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        var fresh = factory.CreateBrowserLikeClient();
        await PasswordStepAsync(fresh, user);
        using var old = await fresh.SubmitFormAsync("/account/login/recovery-code", new Dictionary<string, string?> { ["Input.Code"] = oldCodes[0] });
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Contains(await factory.AuditFor(user.Id), e => e.Action == AuditActions.RecoveryCodesCreated);
        // Shown once: a reload no longer shows them.
        var reloaded = await client.GetHtmlAsync("/account/two-factor");
        Assert.Empty(reloaded.QuerySelectorAll("[data-recovery-codes] code"));
    }

    [Fact]
    public async Task Disable_NeedsPassword_ThenSignInNeedsOnlyPassword()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(user);
        await EnrolAsync(client);

        using var wrong = await client.SubmitFormAsync("/account/two-factor", new Dictionary<string, string?> { ["Disable.Password"] = "guess guess guess" }, handler: "Disable");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await factory.FindUserAsync(user.Id))!.TwoFactorEnabled);

        using var right = await client.SubmitFormAsync("/account/two-factor", new Dictionary<string, string?> { ["Disable.Password"] = user.Password }, handler: "Disable");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.False((await factory.FindUserAsync(user.Id))!.TwoFactorEnabled);
        await factory.SignedInClientAsync(user);
        Assert.Contains(await factory.AuditFor(user.Id), e => e.Action == AuditActions.TwoFactorDisabled);
    }

    [Fact]
    public async Task Post_TooManyCodesFromOneNetwork_Gets429Page_ForAuthenticatorAndRecoveryCodes()
    {
        await using var site = new SiteFactory()
            .With("Accounts:SignInRateLimit:Burst", "3")
            .With("Accounts:SignInRateLimit:PerHour", "1")
            .WithClientAddresses();
        var user = await site.CreateUserAsync(StaffRoles.Moderator);
        await EnrolAsync(await SignedInFromAsync(site, user, "198.51.100.50"));
        var client = site.ClientFrom("203.0.113.51");

        await PasswordStepAsync(client, user);
        using (var wrong = await client.SubmitFormAsync("/account/login/two-factor", new Dictionary<string, string?> { ["Input.Code"] = "000000" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using (var wrongRecovery = await client.SubmitFormAsync("/account/login/recovery-code", new Dictionary<string, string?> { ["Input.Code"] = "BCDFG-23456" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongRecovery.StatusCode);
        }

        using var limited = await client.SubmitFormAsync("/account/login/two-factor", new Dictionary<string, string?> { ["Input.Code"] = "111111" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.Equal("Too many attempts", (await limited.ReadHtmlAsync()).QuerySelector("h1").Text());
        using var limitedRecovery = await client.SubmitFormAsync("/account/login/recovery-code", new Dictionary<string, string?> { ["Input.Code"] = "BCDFG-23457" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limitedRecovery.StatusCode);
    }

    [Fact]
    public async Task Post_FiveWrongCodes_PausesTheCodeStepFromThatNetwork()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Admin);
        var (key, _) = await EnrolAsync(await factory.SignedInClientAsync(user));
        var client = factory.CreateBrowserLikeClient();
        await PasswordStepAsync(client, user);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await client.SubmitFormAsync("/account/login/two-factor", new Dictionary<string, string?> { ["Input.Code"] = "000000" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var right = await client.SubmitFormAsync("/account/login/two-factor", new Dictionary<string, string?> { ["Input.Code"] = Totp.Code(key) });

        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("paused because of too many failed attempts", (await right.ReadHtmlAsync()).QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
        var entries = await factory.AuditFor(user.Id);
        Assert.Single(entries, e => e.Action == AuditActions.LockedOut && e.Details!.Contains("wrong authenticator code", StringComparison.Ordinal));
    }

    private static async Task<HttpClient> SignedInFromAsync(SiteFactory site, TestUser user, string address)
    {
        var client = site.ClientFrom(address);
        using var response = await client.PostLoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
