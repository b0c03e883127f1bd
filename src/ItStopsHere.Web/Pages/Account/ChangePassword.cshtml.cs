using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Account;

public class ChangePasswordInput
{
    public string CurrentPassword { get; set; } = "";

    public string NewPassword { get; set; } = "";

    public string ConfirmPassword { get; set; } = "";
}

public class ChangePasswordInputValidator : AbstractValidator<ChangePasswordInput>
{
    public ChangePasswordInputValidator()
    {
        RuleFor(i => i.CurrentPassword).NotEmpty().WithMessage("Enter your current password");
        RuleFor(i => i.NewPassword).NotEmpty().WithMessage("Enter a new password");
        RuleFor(i => i.ConfirmPassword)
            .NotEmpty().WithMessage("Enter the new password again")
            .Equal(i => i.NewPassword).When(i => !string.IsNullOrEmpty(i.NewPassword)).WithMessage("The two new passwords are not the same");
    }
}

public class ChangePasswordModel(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    AuditLog audit,
    AppDbContext db,
    IValidator<ChangePasswordInput> validator) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var validation = await validator.ValidateAsync(Input);
        validation.AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page400();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword";
                ModelState.AddModelError(field, error.Description);
            }

            return Page400();
        }

        await audit.RecordAsync(AuditActions.PasswordChanged, "User", user.Id);
        await db.SaveChangesAsync();
        // The security stamp changed, which signs out every other session; keep this one.
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = "Your password has been changed. Any other place you were signed in has been signed out.";
        return RedirectToPage();
    }

    private PageResult Page400()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
