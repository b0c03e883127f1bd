using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace ItStopsHere.Web.Accounts;

/// <summary>
/// The second sign-in step, shared by the authenticator-code and recovery-code pages: only reachable
/// after the right password (otherwise back to the password page), the code validated, refused unchecked
/// while the account is paused or locked (<see cref="SignInRecorder"/>), and every success and failure
/// recorded. The pages say only how their code is checked and what they tell the person.
/// </summary>
public abstract class SecondFactorPageModel<TInput>(
    SignInManager<StaffUser> signIn,
    SignInRecorder recorder,
    IValidator<TInput> validator) : PageModel
    where TInput : class, ISecondFactorCode, new()
{
    public const string TimedOutMessage = "Your sign-in took too long. Please enter your email address and password again.";

    [BindProperty]
    public TInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>How the person signed in, for the audit log: "with a password and an authenticator code".</summary>
    protected abstract string How { get; }

    /// <summary>Why a code was refused, for the audit log: "wrong authenticator code".</summary>
    protected abstract string WrongCodeReason { get; }

    /// <summary>What the form says under the field when the code is wrong.</summary>
    protected abstract string WrongCodeMessage { get; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl })
            : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            TempData["Status"] = TimedOutMessage;
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

        var result = await SignInWithCodeAsync(signIn, Input.Normalised);
        if (result.Succeeded)
        {
            await OnSignedInAsync(user);
            await recorder.SucceededAsync(user, How, network);
            return LocalRedirect(SignInRecorder.SafeReturnUrl(Url, ReturnUrl, await recorder.HomeOfAsync(user)));
        }

        var nowBlocked = await recorder.FailedAsync(user, result, WrongCodeReason, network);
        ModelState.AddModelError(nowBlocked is not null ? string.Empty : "Input.Code", nowBlocked is { } until
            ? recorder.PausedMessage(until)
            : WrongCodeMessage);
        return Invalid();
    }

    /// <summary>Checks <paramref name="code"/> (normalised) with Identity, signing the person in when it is right.</summary>
    protected abstract Task<SignInResult> SignInWithCodeAsync(SignInManager<StaffUser> signInManager, string code);

    /// <summary>Anything the page records or says after a right code, saved with the sign-in's own audit entry.</summary>
    protected virtual Task OnSignedInAsync(StaffUser user) => Task.CompletedTask;

    private PageResult Invalid()
    {
        Input.Code = "";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
