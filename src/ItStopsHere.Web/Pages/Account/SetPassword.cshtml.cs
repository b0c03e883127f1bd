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

public class SetPasswordInput
{
    public string NewPassword { get; set; } = "";

    public string ConfirmPassword { get; set; } = "";
}

public class SetPasswordInputValidator : AbstractValidator<SetPasswordInput>
{
    public SetPasswordInputValidator()
    {
        RuleFor(i => i.NewPassword).NotEmpty().WithMessage("Enter a password");
        RuleFor(i => i.ConfirmPassword)
            .NotEmpty().WithMessage("Enter the password again")
            .Equal(i => i.NewPassword).When(i => i.NewPassword.Length > 0).WithMessage("The two passwords are not the same");
    }
}

/// <summary>Where a set-password link leads: a new staff member chooses their password (or someone who forgot theirs, a new one).</summary>
public class SetPasswordModel(
    UserManager<StaffUser> users,
    SetPasswordLinks links,
    AuditLog audit,
    AppDbContext db,
    IValidator<SetPasswordInput> validator,
    ILogger<SetPasswordModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public SetPasswordInput Input { get; set; } = new();

    public bool LinkIsValid { get; private set; }

    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var (user, token) = await FindAsync();
        LinkIsValid = user is not null && token is not null && await links.IsValidAsync(user, token);
        Email = LinkIsValid ? user!.Email : null;
        if (!LinkIsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (user, token) = await FindAsync();
        if (user is null || token is null || !await links.IsValidAsync(user, token))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        LinkIsValid = true;
        Email = user.Email;
        var validation = await validator.ValidateAsync(Input);
        validation.AddToModelState(ModelState, nameof(Input));
        if (ModelState.IsValid)
        {
            var result = await users.ResetPasswordAsync(user, token, Input.NewPassword);
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.InvalidToken) ? string.Empty : "Input.NewPassword", error.Description);
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Following the link proves the address works; a fresh password also lifts a lockout from failed attempts.
        user.EmailConfirmed = true;
        await users.ResetAccessFailedCountAsync(user);
        if (user.LockoutEnd is { Year: < 9999 })
        {
            await users.SetLockoutEndDateAsync(user, null);
        }

        await audit.RecordAsync(AuditActions.PasswordSet, "User", user.Id, null, AuditActor.From(user));
        await db.SaveChangesAsync();
        logger.LogInformation("Staff user {UserId} set their password from a link", user.Id);
        TempData["Status"] = "Your password is set. Sign in with it now.";
        return RedirectToPage("/Account/Login");
    }

    private async Task<(StaffUser? User, string? Token)> FindAsync()
    {
        var token = SetPasswordLinks.DecodeToken(Token);
        var user = string.IsNullOrWhiteSpace(UserId) || UserId.Length > 64 ? null : await users.FindByIdAsync(UserId);
        return (user, token);
    }
}
