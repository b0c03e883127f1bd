using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin;

/// <summary>The admin home page: who is signed in, in which role, and what they can do from here.</summary>
public class IndexModel(UserManager<StaffUser> users) : PageModel
{
    public string Email { get; private set; } = "";

    public string Role { get; private set; } = "";

    public bool IsAdmin => Role == StaffRoles.Admin;

    public bool TwoFactorEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Email = user.Email ?? "";
        Role = User.IsInRole(StaffRoles.Admin) ? StaffRoles.Admin : StaffRoles.Moderator;
        TwoFactorEnabled = user.TwoFactorEnabled;
        return Page();
    }
}
