using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace ItStopsHere.Web.Pages.Account;

/// <summary>
/// What the three sign-in steps (password, authenticator code, recovery code) share: the safe return
/// address, the audit entries for success, failure and lockout, and the words shown for each.
/// </summary>
public sealed class SignInRecorder(UserManager<StaffUser> users, AuditLog audit, AppDbContext db, TimeProvider clock, ILogger<SignInRecorder> logger)
{
    public const string WrongCredentials = "The email address or password is not right.";

    /// <summary>Where to go after signing in: the requested page if it is on this site, else the admin home page.</summary>
    public static string SafeReturnUrl(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/admin";

    public static string LockedOutMessage(StaffUser user, TimeProvider clock)
    {
        var until = user.LockoutEnd ?? clock.GetUtcNow() + StaffAccountServices.LockoutDuration;
        return until.Year >= 9999
            ? "This account has been locked by an Admin. Ask an Admin to unlock it."
            : $"This account is locked because of {StaffAccountServices.MaxFailedAttempts} failed attempts to sign in. " +
              $"Try again after {UkFormat.Time(until)} ({(int)Math.Ceiling((until - clock.GetUtcNow()).TotalMinutes)} minutes), or ask an Admin to unlock it.";
    }

    public async Task SucceededAsync(StaffUser user, string how)
    {
        user.LastSignedInAt = clock.GetUtcNow();
        await audit.RecordAsync(AuditActions.SignedIn, "User", user.Id, how, AuditActor.From(user));
        await db.SaveChangesAsync();
        logger.LogInformation("Staff user {UserId} signed in {How}", user.Id, how);
    }

    /// <summary>Records a refused attempt for a known account and says whether it is now locked.</summary>
    public async Task FailedAsync(StaffUser user, bool wasLockedBefore, SignInResult result, string what)
    {
        if (result.IsLockedOut && !wasLockedBefore)
        {
            await audit.RecordAsync(AuditActions.LockedOut, "User", user.Id,
                $"Locked for {StaffAccountServices.LockoutDuration.TotalMinutes:0} minutes after {StaffAccountServices.MaxFailedAttempts} failed attempts ({what}).",
                AuditActor.Anonymous);
            logger.LogWarning("Staff user {UserId} locked out after failed sign-in attempts", user.Id);
        }
        else if (result.IsLockedOut)
        {
            await audit.RecordAsync(AuditActions.SignInFailed, "User", user.Id, "Refused: the account is locked.", AuditActor.Anonymous);
        }
        else
        {
            var attempts = await users.GetAccessFailedCountAsync(user);
            await audit.RecordAsync(AuditActions.SignInFailed, "User", user.Id,
                $"{what} (failed attempt {attempts} of {StaffAccountServices.MaxFailedAttempts}).", AuditActor.Anonymous);
            logger.LogInformation("Failed sign-in for staff user {UserId}", user.Id);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>An attempt with an email address that has no account. The address itself is not kept: people type passwords into the wrong box.</summary>
    public async Task UnknownAccountAsync()
    {
        await audit.RecordAsync(AuditActions.SignInFailed, "User", null, "No staff account has the email address entered.", AuditActor.Anonymous);
        await db.SaveChangesAsync();
        logger.LogInformation("Failed sign-in for an email address with no staff account");
    }
}
