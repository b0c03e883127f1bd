using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Users;

public class RemoveUserInput
{
    public string? Reason { get; set; }
}

public class RemoveUserInputValidator : AbstractValidator<RemoveUserInput>
{
    public RemoveUserInputValidator() =>
        RuleFor(i => i.Reason).MaximumLength(500).WithMessage("The reason must be 500 characters or fewer");
}

/// <summary>Removing a user asks for confirmation first, on its own page, so it never happens by a slip.</summary>
public class RemoveModel(
    UserManager<StaffUser> users,
    StaffUserAdministration administration,
    IValidator<RemoveUserInput> validator) : PageModel
{
    [BindProperty]
    public RemoveUserInput Input { get; set; } = new();

    public StaffUser Account { get; private set; } = null!;

    public string Role { get; private set; } = "";

    public bool IsYou { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id) =>
        await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var validation = await validator.ValidateAsync(Input);
        validation.AddToModelState(ModelState, nameof(Input));
        if (ModelState.IsValid)
        {
            var email = Account.Email;
            var change = await administration.RemoveAsync(Account, Input.Reason);
            if (change.Succeeded)
            {
                TempData["Status"] = $"{email} has been removed and can no longer sign in.";
                return IsYou ? RedirectToPage("/Account/Login") : RedirectToPage("/Admin/Users/Index");
            }

            ModelState.AddModelError(string.Empty, change.Error!);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string id)
    {
        var account = string.IsNullOrWhiteSpace(id) || id.Length > 64 ? null : await users.FindByIdAsync(id);
        if (account is null)
        {
            return false;
        }

        Account = account;
        Role = await administration.RoleOfAsync(account);
        IsYou = account.Id == users.GetUserId(User);
        return true;
    }
}
