using System.Text;
using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QRCoder;

namespace ItStopsHere.Web.Pages.Account;

public class ConfirmPasswordInput
{
    public string Password { get; set; } = "";
}

public class ConfirmPasswordInputValidator : AbstractValidator<ConfirmPasswordInput>
{
    public ConfirmPasswordInputValidator() =>
        RuleFor(i => i.Password).NotEmpty().WithMessage("Enter your password to confirm it is you");
}

/// <summary>
/// Optional two-factor authentication with an authenticator app (TOTP): set-up with the shared key and
/// a QR code (drawn on the server as an SVG image, so no script is needed), recovery codes, and turning it off.
/// </summary>
public class TwoFactorModel(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    AuditLog audit,
    AppDbContext db,
    IOptions<CampaignOptions> campaign,
    IValidator<TwoFactorCodeInput> codeValidator,
    IValidator<ConfirmPasswordInput> passwordValidator) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public TwoFactorCodeInput Enable { get; set; } = new();

    [BindProperty]
    public ConfirmPasswordInput Disable { get; set; } = new();

    public bool IsEnabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>The key in groups of four, as people type it into an app.</summary>
    public string SharedKey { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    /// <summary>Codes created by the last request, shown once and never again.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (TempData["RecoveryCodes"] is string[] codes)
        {
            NewRecoveryCodes = codes;
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var validation = await codeValidator.ValidateAsync(Enable);
        validation.AddToModelState(ModelState, nameof(Enable));
        if (ModelState.IsValid
            && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Enable.Normalised))
        {
            ModelState.AddModelError("Enable.Code", "That code is not right. Check the app shows It Stops Here and enter the code it shows now.");
        }

        if (!ModelState.IsValid)
        {
            Enable.Code = "";
            await LoadAsync(user);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var newCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await audit.RecordAsync(AuditActions.TwoFactorEnabled, "User", user.Id);
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(user);
        TempData["RecoveryCodes"] = newCodes?.ToArray() ?? [];
        TempData["Status"] = "Two-factor authentication is on. Next time you sign in, you will need a code from your app.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        var newCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await audit.RecordAsync(AuditActions.RecoveryCodesCreated, "User", user.Id, "Earlier recovery codes no longer work.");
        await db.SaveChangesAsync();
        TempData["RecoveryCodes"] = newCodes?.ToArray() ?? [];
        TempData["Status"] = "You have new recovery codes. The old ones no longer work.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        // Asking for the password again means a session left open on a shared computer cannot remove the protection.
        var validation = await passwordValidator.ValidateAsync(Disable);
        validation.AddToModelState(ModelState, nameof(Disable));
        if (ModelState.IsValid && !await users.CheckPasswordAsync(user, Disable.Password))
        {
            ModelState.AddModelError("Disable.Password", "Your password is not right.");
        }

        if (!ModelState.IsValid)
        {
            Disable.Password = "";
            await LoadAsync(user);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key next time, so an old phone set up with the previous one no longer works.
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync(AuditActions.TwoFactorDisabled, "User", user.Id);
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = "Two-factor authentication is off. You can turn it on again at any time.";
        return RedirectToPage();
    }

    private async Task LoadAsync(StaffUser user)
    {
        IsEnabled = user.TwoFactorEnabled;
        if (IsEnabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // Making a key renews the security stamp, which would end this very session.
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }

        SharedKey = FormatKey(key);
        QrCodeDataUri = QrCode(AuthenticatorUri(campaign.Value.Name, user.Email ?? user.UserName ?? "", key));
    }

    public static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                result.Append(' ');
            }

            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return result.ToString().ToLowerInvariant();
    }

    /// <summary>The otpauth address authenticator apps read from the QR code (the Key URI format).</summary>
    public static string AuthenticatorUri(string issuer, string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";

    /// <summary>The QR code as an SVG image in a data: address, which the Content-Security-Policy allows for images.</summary>
    public static string QrCode(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
