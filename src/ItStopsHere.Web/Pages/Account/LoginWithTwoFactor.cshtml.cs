using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ItStopsHere.Web.Pages.Account;

public class TwoFactorCodeInput
{
    public string Code { get; set; } = "";

    /// <summary>The code without the spaces or dashes an authenticator app shows between digits.</summary>
    public string Normalised => new(Code.Where(char.IsAsciiDigit).ToArray());
}

public class TwoFactorCodeInputValidator : AbstractValidator<TwoFactorCodeInput>
{
    public TwoFactorCodeInputValidator()
    {
        RuleFor(i => i.Code)
            .NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app")
            .Must(code => code.All(c => char.IsAsciiDigit(c) || c is ' ' or '-') && code.Count(char.IsAsciiDigit) == 6)
            .WithMessage("The code must be 6 digits, like 123456");
    }
}

[EnableRateLimiting(StaffSignInRateLimit.PolicyName)]
public class LoginWithTwoFactorModel(
    SignInManager<StaffUser> signIn,
    SignInRecorder recorder,
    IValidator<TwoFactorCodeInput> validator) : PageModel
{
    [BindProperty]
    public TwoFactorCodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // Only reachable after the right password: otherwise start again.
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl })
            : Page();
    }

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

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Input.Normalised, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await recorder.SucceededAsync(user, "with a password and an authenticator code", network);
            return LocalRedirect(SignInRecorder.SafeReturnUrl(Url, ReturnUrl));
        }

        var nowBlocked = await recorder.FailedAsync(user, result, "wrong authenticator code", network);
        ModelState.AddModelError(nowBlocked is not null ? string.Empty : "Input.Code", nowBlocked is { } until
            ? recorder.PausedMessage(until)
            : "That code is not right. Codes change every 30 seconds: enter the one your app shows now.");
        return Invalid();
    }

    private PageResult Invalid()
    {
        Input.Code = "";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
