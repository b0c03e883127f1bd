using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Account;

/// <summary>Signing out is a POST (a link or an image on another page cannot sign anyone out); GET shows the button.</summary>
public class LogoutModel(SignInManager<StaffUser> signIn, AuditLog audit, AppDbContext db, ILogger<LogoutModel> logger) : PageModel
{
    public bool IsSignedIn => User.Identity?.IsAuthenticated == true;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (IsSignedIn)
        {
            var userId = signIn.UserManager.GetUserId(User);
            await audit.RecordAsync(AuditActions.SignedOut, "User", userId);
            await db.SaveChangesAsync();
            await signIn.SignOutAsync();
            logger.LogInformation("Staff user {UserId} signed out", userId);
        }

        TempData["Status"] = "You have signed out.";
        return RedirectToPage("/Account/Login");
    }
}
