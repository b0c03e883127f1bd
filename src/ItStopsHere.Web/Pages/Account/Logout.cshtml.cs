using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Account;

/// <summary>
/// Signing out is a POST (a link or an image on another page cannot sign anyone out); GET shows the button.
/// It ends the session on the server too: the account's security stamp changes, and the cookie check
/// (security stamp validation on every request, see <see cref="AccountServices"/>) refuses any
/// cookie issued before, so a copy of the cookie saved before signing out no longer opens anything.
/// That ends the account's sessions on other devices as well.
/// </summary>
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
            if (await signIn.UserManager.GetUserAsync(User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            logger.LogInformation("Staff user {UserId} signed out", userId);
        }

        TempData["Status"] = "You have signed out.";
        return RedirectToPage("/Account/Login");
    }
}
