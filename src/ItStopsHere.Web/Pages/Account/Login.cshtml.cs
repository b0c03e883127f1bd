using System.Diagnostics;
using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ItStopsHere.Web.Pages.Account;

public class LoginInput
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";
}

public class LoginInputValidator : AbstractValidator<LoginInput>
{
    public LoginInputValidator()
    {
        RuleFor(i => i.Email)
            .NotEmpty().WithMessage("Enter your email address")
            .EmailAddress().WithMessage("Enter an email address in the right format, like name@example.ac.uk");
        RuleFor(i => i.Password).NotEmpty().WithMessage("Enter your password");
    }
}

/// <summary>
/// The password step. Every refusal (wrong password, no such account, account locked or paused) gives the
/// same page with the same words and takes the same time: a password hash is always checked and the
/// answer waits for <see cref="SignInThrottle.MinimumFailureTime"/>. Posting is rate-limited per network.
/// </summary>
[EnableRateLimiting(StaffSignInRateLimit.PolicyName)]
public class LoginModel(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    SignInRecorder recorder,
    SignInThrottle throttle,
    IValidator<LoginInput> validator) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (StaffRoles.All.Any(User.IsInRole))
        {
            return LocalRedirect(SignInRecorder.SafeReturnUrl(Url, ReturnUrl, StaffHome.For(User)));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var validation = await validator.ValidateAsync(Input);
        validation.AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        var network = SignInThrottle.NetworkOf(HttpContext);
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            throttle.CheckAgainstDummy(users.PasswordHasher, Input.Password);
            await recorder.UnknownAccountAsync();
            return await RefusedAsync(started);
        }

        if (await recorder.BlockedUntilAsync(user, network) is not null)
        {
            // Not even checked: a paused account must not tell a guesser when a guess is right.
            throttle.CheckAgainstDummy(users.PasswordHasher, Input.Password);
            await recorder.RefusedAsync(user, "password");
            return await RefusedAsync(started);
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        var returnUrl = SignInRecorder.SafeReturnUrl(Url, ReturnUrl, await recorder.HomeOfAsync(user));
        if (result.Succeeded)
        {
            await recorder.SucceededAsync(user, "with a password", network);
            return LocalRedirect(returnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWithTwoFactor", new { returnUrl });
        }

        await recorder.FailedAsync(user, result, "wrong password", network);
        return await RefusedAsync(started);
    }

    private async Task<PageResult> RefusedAsync(long started)
    {
        ModelState.AddModelError(string.Empty, SignInRecorder.WrongCredentials);
        await throttle.PadAsync(started);
        return Invalid();
    }

    private PageResult Invalid()
    {
        Input.Password = "";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
