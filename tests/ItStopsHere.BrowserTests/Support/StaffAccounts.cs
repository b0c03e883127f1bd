using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Support;

public sealed record StaffAccount(string Id, string Email, string Password);

/// <summary>Staff accounts for browser tests, made through the running site's own services.</summary>
public static class StaffAccounts
{
    public const string Password = "violet harbour kettle marathon";

    public static async Task<StaffAccount> CreateAsync(KestrelSiteFactory site, string role, bool twoFactor = false)
    {
        var email = $"browser.{role.ToLowerInvariant()}.{Guid.NewGuid():N}@example.ac.uk";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (twoFactor)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        return new StaffAccount(user.Id, email, Password);
    }

    public static async Task<string> SetPasswordLinkAsync(KestrelSiteFactory site, string userId)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var link = await scope.ServiceProvider.GetRequiredService<SetPasswordLinks>().CreateAsync((await users.FindByIdAsync(userId))!);
        return new Uri(link.Url).PathAndQuery;
    }

    /// <summary>Signs in through the form, as a person with a mouse would.</summary>
    public static async Task SignInAsync(IPage page, KestrelSiteFactory site, StaffAccount account, string home = "/admin")
    {
        await page.GotoAsync(site.Url("/account/login"));
        await page.GetByLabel("Email address").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(site.Url(home));
    }
}
