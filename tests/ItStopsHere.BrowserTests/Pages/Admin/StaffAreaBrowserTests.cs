using ItStopsHere.BrowserTests.Support;
using ItStopsHere.Web.Data;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages.Admin;

[Collection(BrowserCollection.Name)]
public class StaffAreaBrowserTests(BrowserFixture fixture)
{
    public static TheoryData<int> Widths() => new() { BrowserFixture.Phone.Width, BrowserFixture.Desktop.Width };

    [Fact]
    public async Task SignIn_WithKeyboardOnly_ReachesAdminHome()
    {
        var account = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Moderator);
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url("/account/login"));

        // Skip link, then into the form: no mouse at all.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Input_Email", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync(account.Email);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Input_Password", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync(account.Password);
        await page.Keyboard.PressAsync("Enter");
        // The skip link's #main stays on the address through the redirect, as browsers do.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin");

        Assert.Equal("Admin home", await page.Locator("h1").InnerTextAsync());
        Assert.Contains(account.Email, await page.Locator(".staff-bar").InnerTextAsync(), StringComparison.Ordinal);

        // Signing out is a button, reachable and usable from the keyboard too.
        await page.Locator(".staff-bar button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(fixture.Site.Url("/account/login"));
        Assert.Contains("You have signed out.", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorSummaryLinkedToForm()
    {
        var account = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Moderator);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Site.Url("/account/login"));

        await page.GetByLabel("Email address").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Contains("The email address or password is not right.", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task SignInPages_HaveNoAxeViolations(int width)
    {
        var invited = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Moderator);
        var link = await StaffAccounts.SetPasswordLinkAsync(fixture.Site, invited.Id);
        var page = await fixture.NewPageAsync((width, 900));

        foreach (var path in new[] { "/account/login", "/account/logout", link, "/account/set-password?user=nobody&token=x" })
        {
            await page.GotoAsync(fixture.Site.Url(path));
            await Axe.AssertNoViolationsAsync(page, $"at {width} px");
        }

        // With errors showing.
        await page.GotoAsync(fixture.Site.Url("/account/login"));
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"with errors at {width} px");

        // The two-factor steps.
        var withTwoFactor = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Admin, twoFactor: true);
        await page.GetByLabel("Email address").FillAsync(withTwoFactor.Email);
        await page.GetByLabel("Password").FillAsync(withTwoFactor.Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/login/two-factor", StringComparison.Ordinal));
        await Axe.AssertNoViolationsAsync(page, $"at {width} px");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with a recovery code" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/login/recovery-code", StringComparison.Ordinal));
        await Axe.AssertNoViolationsAsync(page, $"at {width} px");
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task StaffPages_HaveNoAxeViolations(int width)
    {
        var admin = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Admin);
        var other = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Moderator);
        var page = await fixture.NewPageAsync((width, 900));
        await StaffAccounts.SignInAsync(page, fixture.Site, admin);

        var paths = new[]
        {
            "/admin", "/admin/users", "/admin/users/add", $"/admin/users/{other.Id}", $"/admin/users/{other.Id}/remove",
            "/admin/audit", "/admin/audit?from=not-a-date", "/account/change-password", "/account/two-factor", "/account/logout", "/help",
        };
        foreach (var path in paths)
        {
            await page.GotoAsync(fixture.Site.Url(path));
            await Axe.AssertNoViolationsAsync(page, $"at {width} px");
            var wide = await page.EvaluateAsync<string>(
                "() => document.documentElement.scrollWidth > document.documentElement.clientWidth ? [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).map(e => e.tagName + '.' + e.className).slice(0, 5).join(', ') : ''");
            Assert.True(wide == "", $"{path} scrolls sideways at {width} px: {wide}");
        }

        // A form with errors, and a page showing a new set-password link.
        await page.GotoAsync(fixture.Site.Url("/admin/users/add"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"add user with errors at {width} px");
        await page.GetByLabel("Email address").FillAsync($"axe.{Guid.NewGuid():N}@example.ac.uk");
        await page.GetByLabel("Moderator").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await page.Locator("[data-set-password-link]").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"user added at {width} px");
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task AccessDeniedPage_ForModerator_HasNoAxeViolations(int width)
    {
        var moderator = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Moderator);
        var page = await fixture.NewPageAsync((width, 900));
        await StaffAccounts.SignInAsync(page, fixture.Site, moderator);

        var response = await page.GotoAsync(fixture.Site.Url("/admin/users"));

        Assert.Equal(403, response?.Status);
        Assert.Equal("You do not have access to this page", await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, $"at {width} px");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TwoFactorSetup_QrCodeImageLoadsUnderTheContentSecurityPolicy()
    {
        var account = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Moderator);
        var page = await fixture.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        await StaffAccounts.SignInAsync(page, fixture.Site, account);

        await page.GotoAsync(fixture.Site.Url("/account/two-factor"));

        var width = await page.Locator("img.qr-code").EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0");
        Assert.True(width > 0, "The QR code image did not load.");
        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }
}
