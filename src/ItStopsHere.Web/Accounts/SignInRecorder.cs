using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace ItStopsHere.Web.Accounts;

/// <summary>
/// What the three sign-in steps (password, authenticator code, recovery code) share: the safe return
/// address, the pause after failed attempts (<see cref="SignInThrottle"/>), the audit entries for
/// success, failure and lockout, the email telling the owner about a pause, and the words shown.
/// </summary>
public sealed class SignInRecorder(
    UserManager<StaffUser> users,
    AuditLog audit,
    AppDbContext db,
    SignInThrottle throttle,
    EmailTemplates templates,
    TimeProvider clock,
    ILogger<SignInRecorder> logger)
{
    /// <summary>
    /// The one answer to a refused password sign-in, whether the password was wrong, the address has no
    /// account, or the account is locked or paused: the form never says which addresses have accounts.
    /// </summary>
    public const string WrongCredentials = "The email address or password is not right.";

    /// <summary>Where to go after signing in: the requested page if it is on this site, else <paramref name="home"/> (<see cref="StaffHome"/>).</summary>
    public static string SafeReturnUrl(IUrlHelper url, string? returnUrl, string home = StaffHome.Admin) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : home;

    /// <summary>The staff member's own start page: <c>/cases</c> for someone with only a case role, else <c>/admin</c>.</summary>
    public async Task<string> HomeOfAsync(StaffUser user) => StaffHome.For(await users.GetRolesAsync(user));

    /// <summary>
    /// For the code steps only, where the person has already given the right password: why they cannot go on.
    /// The password step never says this (see <see cref="WrongCredentials"/>).
    /// </summary>
    public string PausedMessage(DateTimeOffset until) =>
        until.Year >= 9999
            ? "This account has been locked by an Admin. Ask an Admin to unlock it."
            : $"Signing in to this account is paused because of too many failed attempts. " +
              $"Try again after {UkFormat.Time(until)} ({Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalMinutes))} minutes), or ask an Admin to unlock it.";

    /// <summary>
    /// Until when <paramref name="user"/> may not sign in from <paramref name="network"/>: paused there
    /// after failed attempts, or locked everywhere (by Identity's lockout or by an Admin); null when free.
    /// </summary>
    public async Task<DateTimeOffset?> BlockedUntilAsync(StaffUser user, string network)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return await users.GetLockoutEndDateAsync(user);
        }

        return throttle.PausedUntil(user.Id, network);
    }

    public async Task SucceededAsync(StaffUser user, string how, string network)
    {
        throttle.Succeeded(user.Id, network);
        user.LastSignedInAt = clock.GetUtcNow();
        await audit.RecordAsync(AuditActions.SignedIn, "User", user.Id, how, AuditActor.From(user));
        await db.SaveChangesAsync();
        logger.LogInformation("Staff user {UserId} signed in {How}", user.Id, how);
    }

    /// <summary>An attempt on an account that is locked or paused: refused without checking the password or code.</summary>
    public async Task RefusedAsync(StaffUser user, string what)
    {
        var locked = await users.IsLockedOutAsync(user);
        await audit.RecordAsync(AuditActions.SignInFailed, "User", user.Id,
            locked
                ? $"Refused: the account is locked ({what} not checked)."
                : $"Refused: sign-in from this network is paused after failed attempts ({what} not checked).",
            AuditActor.Anonymous);
        await db.SaveChangesAsync();
        logger.LogInformation("Refused sign-in for staff user {UserId}: locked or paused", user.Id);
    }

    /// <summary>
    /// Records a wrong password or code for a known account, pausing that network or (Identity's
    /// lockout) the whole account when a limit is reached, and emails the owner then. Returns until when
    /// sign-in is now paused or locked, if this failure did that.
    /// </summary>
    public async Task<DateTimeOffset?> FailedAsync(StaffUser user, SignInResult result, string what, string network)
    {
        var (failures, pausedUntil) = throttle.Failed(user.Id, network);
        DateTimeOffset? blockedUntil = null;
        if (result.IsLockedOut)
        {
            blockedUntil = await users.GetLockoutEndDateAsync(user) ?? clock.GetUtcNow() + AccountServices.LockoutDuration;
            await audit.RecordAsync(AuditActions.LockedOut, "User", user.Id,
                $"Locked for {AccountServices.LockoutDuration.TotalMinutes:0} minutes after {AccountServices.AccountWideMaxFailedAttempts} failed attempts in a row from anywhere ({what}).",
                AuditActor.Anonymous);
            logger.LogWarning("Staff user {UserId} locked out after failed sign-in attempts", user.Id);
            Notify(user, new StaffSignInPausedEmail(AccountServices.AccountWideMaxFailedAttempts, blockedUntil.Value, WholeAccount: true));
        }
        else if (pausedUntil is { } until)
        {
            blockedUntil = until;
            await audit.RecordAsync(AuditActions.LockedOut, "User", user.Id,
                $"Sign-in from one network paused for {AccountServices.LockoutDuration.TotalMinutes:0} minutes after {failures} failed attempts from it ({what}).",
                AuditActor.Anonymous);
            logger.LogWarning("Staff user {UserId}: sign-in from one network paused after failed attempts", user.Id);
            Notify(user, new StaffSignInPausedEmail(failures, until, WholeAccount: false));
        }
        else
        {
            await audit.RecordAsync(AuditActions.SignInFailed, "User", user.Id,
                $"{what} (failed attempt {failures} of {AccountServices.MaxFailedAttempts} from this network).", AuditActor.Anonymous);
            logger.LogInformation("Failed sign-in for staff user {UserId}", user.Id);
        }

        await db.SaveChangesAsync();
        return blockedUntil;
    }

    /// <summary>An attempt with an email address that has no account. The address itself is not kept: people type passwords into the wrong box.</summary>
    public async Task UnknownAccountAsync()
    {
        await audit.RecordAsync(AuditActions.SignInFailed, "User", null, "No staff account has the email address entered.", AuditActor.Anonymous);
        await db.SaveChangesAsync();
        logger.LogInformation("Failed sign-in for an email address with no staff account");
    }

    /// <summary>Puts the notice in the outbox, to be committed with the audit entry; at most one per account per pause length.</summary>
    private void Notify(StaffUser user, StaffSignInPausedEmail notice)
    {
        if (!EmailAddresses.IsValid(user.Email) || !throttle.ShouldNotify(user.Id))
        {
            return;
        }

        db.EnqueueEmail(new EmailMessage(user.Email!, templates.StaffSignInPaused(notice), EmailTemplates.StaffSignInPausedKind, Reference: "user:" + user.Id));
        logger.LogInformation("Staff user {UserId} will be emailed about the failed sign-in attempts", user.Id);
    }
}
