using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ItStopsHere.Web.Pages.Account;

public class RecoveryCodeInput
{
    public string Code { get; set; } = "";

    /// <summary>
    /// Identity's codes look like "BCDFG-23456". People copy them with spaces, in lower case or without the
    /// dash, and that is still the same code.
    /// </summary>
    public string Normalised
    {
        get
        {
            var compact = new string(Code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
            return compact.Length == 10 ? $"{compact[..5]}-{compact[5..]}" : compact;
        }
    }
}

public class RecoveryCodeInputValidator : AbstractValidator<RecoveryCodeInput>
{
    public RecoveryCodeInputValidator()
    {
        RuleFor(i => i.Code)
            .NotEmpty().WithMessage("Enter one of your recovery codes")
            .MaximumLength(40).WithMessage("A recovery code is 10 letters and digits, like BCDFG-23456");
    }
}

[EnableRateLimiting(StaffSignInRateLimit.PolicyName)]
public class LoginWithRecoveryCodeModel(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    SignInRecorder recorder,
    AuditLog audit,
    IValidator<RecoveryCodeInput> validator) : PageModel
{
    [BindProperty]
    public RecoveryCodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl })
            : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            TempData["Status"] = "Your sign-in took too long. Please enter your email address and password again.";
            return RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl });
        }

        var validation = await validator.ValidateAsync(Input);
        validation.AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        var network = SignInThrottle.NetworkOf(HttpContext);
        if (await recorder.BlockedUntilAsync(user, network) is { } blocked)
        {
            await recorder.RefusedAsync(user, "code");
            ModelState.AddModelError(string.Empty, recorder.PausedMessage(blocked));
            return Invalid();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.Normalised);
        if (result.Succeeded)
        {
            var left = await users.CountRecoveryCodesAsync(user);
            await audit.RecordAsync(AuditActions.RecoveryCodeUsed, "User", user.Id, $"{left} recovery codes left.", AuditActor.From(user));
            await recorder.SucceededAsync(user, "with a password and a recovery code", network);
            TempData["Status"] = left <= 3
                ? $"You signed in with a recovery code. You have {left} left: create new ones on your two-factor page."
                : $"You signed in with a recovery code. You have {left} left.";
            return LocalRedirect(SignInRecorder.SafeReturnUrl(Url, ReturnUrl));
        }

        var nowBlocked = await recorder.FailedAsync(user, result, "wrong recovery code", network);
        ModelState.AddModelError(nowBlocked is not null ? string.Empty : "Input.Code", nowBlocked is { } until
            ? recorder.PausedMessage(until)
            : "That recovery code is not right, or it has already been used.");
        return Invalid();
    }

    private PageResult Invalid()
    {
        Input.Code = "";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
