using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

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

public class LoginModel(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    SignInRecorder recorder,
    IValidator<LoginInput> validator,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (User.IsInRole(StaffRoles.Admin) || User.IsInRole(StaffRoles.Moderator))
        {
            return LocalRedirect(SignInRecorder.SafeReturnUrl(Url, ReturnUrl));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var validation = await validator.ValidateAsync(Input);
        validation.AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            // Take as long as a real check would, so response times do not reveal who has an account.
            users.PasswordHasher.HashPassword(new StaffUser(), Input.Password);
            await recorder.UnknownAccountAsync();
            ModelState.AddModelError(string.Empty, SignInRecorder.WrongCredentials);
            return Invalid();
        }

        var wasLocked = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        var returnUrl = SignInRecorder.SafeReturnUrl(Url, ReturnUrl);
        if (result.Succeeded)
        {
            await recorder.SucceededAsync(user, "with a password");
            return LocalRedirect(returnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWithTwoFactor", new { returnUrl });
        }

        await recorder.FailedAsync(user, wasLocked, result, "wrong password");
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? SignInRecorder.LockedOutMessage(user, clock)
            : SignInRecorder.WrongCredentials);
        return Invalid();
    }

    private PageResult Invalid()
    {
        Input.Password = "";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
