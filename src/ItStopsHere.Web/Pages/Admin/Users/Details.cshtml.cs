using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Users;

public class ChangeRoleInput
{
    public string? Role { get; set; }
}

public class ChangeRoleInputValidator : AbstractValidator<ChangeRoleInput>
{
    public ChangeRoleInputValidator() =>
        RuleFor(i => i.Role).Must(role => StaffRoles.Parse(role) is not null).WithMessage("Choose Admin or Moderator");
}

/// <summary>The case roles (issue 15) ticked on a staff account's page: none, either or both.</summary>
public class CaseRolesInput
{
    public List<string> CaseRoles { get; set; } = [];
}

public class CaseRolesInputValidator : AbstractValidator<CaseRolesInput>
{
    public CaseRolesInputValidator() =>
        RuleForEach(i => i.CaseRoles).Must(role => StaffRoles.CaseRoles.Contains(role)).WithMessage("Choose Case manager, Adviser, both or neither");
}

/// <summary>One staff account: its role and status, and the Admin's actions on it (each a small form).</summary>
public class DetailsModel(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    StaffUserAdministration administration,
    IValidator<ChangeRoleInput> roleValidator,
    IValidator<CaseRolesInput> caseRolesValidator,
    SignInThrottle throttle,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    public ChangeRoleInput RoleInput { get; set; } = new();

    [BindProperty]
    public CaseRolesInput CaseRolesInput { get; set; } = new();

    public StaffUser Account { get; private set; } = null!;

    /// <summary>The case roles the account holds now.</summary>
    public IReadOnlyList<string> CaseRoles { get; private set; } = [];

    public string Role { get; private set; } = "";

    public string Status { get; private set; } = "";

    public bool IsYou { get; private set; }

    public bool IsLocked { get; private set; }

    public string? SetPasswordLink { get; private set; }

    public string? SetPasswordLinkExpires { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        SetPasswordLink = TempData["SetPasswordLink"] as string;
        SetPasswordLinkExpires = TempData["SetPasswordLinkExpires"] as string;
        RoleInput.Role = Role;
        CaseRolesInput.CaseRoles = [.. CaseRoles];
        return Page();
    }

    /// <summary>Gives or takes away Case manager and Adviser, beside the account's main role (Admins only, audited).</summary>
    public async Task<IActionResult> OnPostCaseRolesAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var validation = await caseRolesValidator.ValidateAsync(CaseRolesInput);
        validation.AddToModelState(ModelState, nameof(CaseRolesInput));
        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        var wanted = CaseRolesInput.CaseRoles.Distinct().ToList();
        var described = wanted.Count == 0 ? "no case role" : string.Join(" and ", wanted.Select(StaffRoles.Label));
        return await Done(await administration.SetCaseRolesAsync(Account, wanted), $"{Account.Email} now has {described}.", "CaseRolesInput.CaseRoles");
    }

    public async Task<IActionResult> OnPostRoleAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var validation = await roleValidator.ValidateAsync(RoleInput);
        validation.AddToModelState(ModelState, nameof(RoleInput));
        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        var role = StaffRoles.Parse(RoleInput.Role)!;
        return await Done(await administration.ChangeRoleAsync(Account, role), $"{Account.Email} is now {(role == StaffRoles.Admin ? "an" : "a")} {role}.", "RoleInput.Role");
    }

    public async Task<IActionResult> OnPostLockAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        return await Done(await administration.LockAsync(Account, users.GetUserId(User)!), $"{Account.Email} is locked and can no longer sign in.");
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        return await Done(await administration.UnlockAsync(Account), $"{Account.Email} is unlocked and can sign in again.");
    }

    public async Task<IActionResult> OnPostLinkAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var link = await administration.CreateSetPasswordLinkAsync(Account);
        if (IsYou)
        {
            await signIn.RefreshSignInAsync(Account);
        }

        SetPasswordLinkMessage.Put(TempData, link);
        TempData["Status"] = $"A new set-password link for {Account.Email} is ready. Any earlier link no longer works.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        return await Done(await administration.ResetTwoFactorAsync(Account), $"Two-factor authentication is off for {Account.Email}.");
    }

    private async Task<IActionResult> Done(StaffChange change, string message, string errorField = "")
    {
        if (!change.Succeeded)
        {
            ModelState.AddModelError(errorField, change.Error!);
            await LoadAsync(Account.Id);
            return Invalid();
        }

        TempData["Status"] = message;
        if (IsYou)
        {
            // The change renewed the account's security stamp; keep the Admin's own session going.
            await signIn.RefreshSignInAsync(Account);
            return RedirectToPage("/Admin/Index");
        }

        return RedirectToPage(new { id = Account.Id });
    }

    private PageResult Invalid()
    {
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
        CaseRoles = await administration.CaseRolesOfAsync(account);
        Status = IndexModel.StatusOf(account, clock.GetUtcNow());
        // Locked everywhere, or paused from some network after failed attempts: either way Unlock ends it.
        IsLocked = account.LockoutEnd > clock.GetUtcNow() || throttle.IsPausedAnywhere(account.Id);
        if (!(account.LockoutEnd > clock.GetUtcNow()) && IsLocked)
        {
            Status = "Sign-in paused from one network after failed attempts";
        }
        IsYou = account.Id == users.GetUserId(User);
        return true;
    }
}
