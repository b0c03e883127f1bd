using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Users;

public class AddUserInput
{
    public string Email { get; set; } = "";

    public string? Role { get; set; }
}

public class AddUserInputValidator : AbstractValidator<AddUserInput>
{
    public AddUserInputValidator()
    {
        // The same rules, in the same words, as the admin add command (StaffAccountRules).
        RuleFor(i => i.Email).StaffEmail();
        RuleFor(i => i.Role).StaffRole();
    }
}

public class AddModel(StaffUserAdministration administration, IValidator<AddUserInput> validator) : PageModel
{
    [BindProperty]
    public AddUserInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var validation = await validator.ValidateAsync(Input);
        validation.AddToModelState(ModelState, nameof(Input));
        if (ModelState.IsValid)
        {
            var (user, link, error) = await administration.AddAsync(Input.Email, StaffRoles.Parse(Input.Role)!);
            if (user is not null && link is not null)
            {
                SetPasswordLinkMessage.Put(TempData, link);
                TempData["Status"] = $"{user.Email} has been added as {StaffRoles.Parse(Input.Role)}.";
                return RedirectToPage("/Admin/Users/Details", new { id = user.Id });
            }

            ModelState.AddModelError("Input.Email", error ?? "The user could not be added.");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

/// <summary>Carries a new set-password link to the next page, once, in the encrypted TempData cookie.</summary>
public static class SetPasswordLinkMessage
{
    public static void Put(Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionary tempData, SetPasswordLink link)
    {
        tempData["SetPasswordLink"] = link.Url;
        tempData["SetPasswordLinkExpires"] = $"{UkFormat.LongDate(link.ExpiresAt)} at {UkFormat.Time(link.ExpiresAt)}";
    }
}
