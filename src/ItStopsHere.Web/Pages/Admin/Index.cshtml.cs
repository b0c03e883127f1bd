using ItStopsHere.Web.Data;
using ItStopsHere.Web.Moderation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin;

/// <summary>The admin home page: who is signed in, the pledge dashboard, and what they can do from here.</summary>
public class IndexModel(UserManager<StaffUser> users, ModerationDashboard dashboard) : PageModel
{
    public string Email { get; private set; } = "";

    public string Role { get; private set; } = "";

    public bool IsAdmin => Role == StaffRoles.Admin;

    public bool IsEditor => Role == StaffRoles.Editor;

    public bool TwoFactorEnabled { get; private set; }

    public DashboardFigures Figures { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Email = user.Email ?? "";
        Role = StaffRoles.All.FirstOrDefault(User.IsInRole) ?? StaffRoles.Moderator;
        TwoFactorEnabled = user.TwoFactorEnabled;
        Figures = await dashboard.ReadAsync(cancellationToken);
        return Page();
    }
}
