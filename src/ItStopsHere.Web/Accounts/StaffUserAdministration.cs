using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Accounts;

/// <summary>
/// What Admins do to staff accounts. Each action runs in one transaction with its audit entry, and none
/// may leave the site without an active Admin. Every change of access also changes the account's
/// security stamp, which ends its open sessions at their next request.
/// </summary>
public sealed class StaffUserAdministration(
    UserManager<StaffUser> users,
    AppDbContext db,
    AuditLog audit,
    SetPasswordLinks links,
    SignInThrottle throttle,
    TimeProvider clock,
    ILogger<StaffUserAdministration> logger)
{
    public const string RecordType = "User";
    public const string LastAdminError = "This is the only active Admin account. Make another user an Admin first, so that someone can still manage the site.";

    /// <summary>Locked by an Admin (not by failed sign-ins): until the end of time.</summary>
    public static bool IsLockedByAdmin(StaffUser user) => user.LockoutEnd is { Year: >= 9999 };

    public async Task<(StaffUser? User, SetPasswordLink? Link, string? Error)> AddAsync(string email, string role)
    {
        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return (null, null, "There is already a staff account with this email address.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = new StaffUser { UserName = email, Email = email, CreatedAt = clock.GetUtcNow(), LockoutEnabled = true };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return (null, null, string.Join(" ", created.Errors.Select(e => e.Description).Distinct()));
        }

        await users.AddToRoleAsync(user, role);
        var link = await links.CreateAsync(user);
        await audit.RecordAsync(AuditActions.UserAdded, RecordType, user.Id, $"Added {email} as {role}; a set-password link was created.");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        logger.LogInformation("Staff user {UserId} added with role {Role}", user.Id, role);
        return (user, link, null);
    }

    public async Task<string> RoleOfAsync(StaffUser user) =>
        (await users.GetRolesAsync(user)).FirstOrDefault(r => StaffRoles.All.Contains(r)) ?? "(none)";

    public async Task<StaffChange> ChangeRoleAsync(StaffUser user, string role)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var current = await RoleOfAsync(user);
        if (current == role)
        {
            return StaffChange.Done;
        }

        if (current == StaffRoles.Admin && await IsLastActiveAdminAsync(user))
        {
            return StaffChange.Refused(LastAdminError);
        }

        // Only the main role changes: a case role held beside it (Case manager, Adviser) stays.
        var oldRoles = (await users.GetRolesAsync(user)).Where(r => r == current || !StaffRoles.CaseRoles.Contains(r)).ToList();
        if (oldRoles.Count > 0)
        {
            await users.RemoveFromRolesAsync(user, oldRoles);
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            await users.AddToRoleAsync(user, role);
        }

        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(AuditActions.UserRoleChanged, RecordType, user.Id, $"{user.Email}: {current} → {role}.");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return StaffChange.Done;
    }

    /// <summary>The case roles (Case manager, Adviser) the account holds, whether as its main role or beside it.</summary>
    public async Task<IReadOnlyList<string>> CaseRolesOfAsync(StaffUser user) =>
        (await users.GetRolesAsync(user)).Where(StaffRoles.CaseRoles.Contains).ToList();

    /// <summary>
    /// Gives or takes away the case roles (issue 15), leaving the account's other role as it is. An account
    /// keeps at least one role: to take away all access, lock or remove it.
    /// </summary>
    public async Task<StaffChange> SetCaseRolesAsync(StaffUser user, IReadOnlyCollection<string> caseRoles)
    {
        ArgumentNullException.ThrowIfNull(caseRoles);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var held = await users.GetRolesAsync(user);
        var give = StaffRoles.CaseRoles.Where(r => caseRoles.Contains(r) && !held.Contains(r)).ToList();
        var take = StaffRoles.CaseRoles.Where(r => !caseRoles.Contains(r) && held.Contains(r)).ToList();
        if (give.Count == 0 && take.Count == 0)
        {
            return StaffChange.Done;
        }

        if (held.Count - take.Count + give.Count == 0)
        {
            return StaffChange.Refused("This account would have no role left. To stop them signing in, lock or remove the account instead.");
        }

        if (take.Count > 0)
        {
            await users.RemoveFromRolesAsync(user, take);
        }

        if (give.Count > 0)
        {
            await users.AddToRolesAsync(user, give);
        }

        await users.UpdateSecurityStampAsync(user);
        var what = string.Join("; ", give.Select(r => $"{r} given").Concat(take.Select(r => $"{r} taken away")));
        await audit.RecordAsync(AuditActions.CaseRoleGranted, RecordType, user.Id, $"{user.Email}: {what}.");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        logger.LogInformation("Staff user {UserId}: case roles changed", user.Id);
        return StaffChange.Done;
    }

    public async Task<StaffChange> LockAsync(StaffUser user, string actingUserId)
    {
        if (user.Id == actingUserId)
        {
            return StaffChange.Refused("You cannot lock your own account.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await RoleOfAsync(user) == StaffRoles.Admin && await IsLastActiveAdminAsync(user))
        {
            return StaffChange.Refused(LastAdminError);
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(AuditActions.UserLocked, RecordType, user.Id, $"{user.Email} can no longer sign in; open sessions were ended.");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return StaffChange.Done;
    }

    public async Task<StaffChange> UnlockAsync(StaffUser user)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var wasLockedBy = IsLockedByAdmin(user) ? "an Admin" : "failed sign-in attempts";
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        throttle.ForgetAccount(user.Id);
        await audit.RecordAsync(AuditActions.UserUnlocked, RecordType, user.Id, $"{user.Email} was locked by {wasLockedBy}.");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return StaffChange.Done;
    }

    public async Task<SetPasswordLink> CreateSetPasswordLinkAsync(StaffUser user)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var link = await links.CreateAsync(user);
        await audit.RecordAsync(AuditActions.UserSetPasswordLinkCreated, RecordType, user.Id,
            $"For {user.Email}; earlier links and open sessions stopped working.");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return link;
    }

    public async Task<StaffChange> ResetTwoFactorAsync(StaffUser user)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync(AuditActions.UserTwoFactorReset, RecordType, user.Id, $"For {user.Email}, who can set it up again after signing in.");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return StaffChange.Done;
    }

    public async Task<StaffChange> RemoveAsync(StaffUser user, string? reason)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var role = await RoleOfAsync(user);
        if (role == StaffRoles.Admin && await IsLastActiveAdminAsync(user))
        {
            return StaffChange.Refused(LastAdminError);
        }

        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            return StaffChange.Refused("The account could not be removed. Please try again.");
        }

        await audit.RecordAsync(AuditActions.UserRemoved, RecordType, user.Id,
            string.IsNullOrWhiteSpace(reason) ? $"Removed {user.Email} ({role})." : $"Removed {user.Email} ({role}). Reason: {reason.Trim()}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        logger.LogInformation("Staff user {UserId} removed", user.Id);
        return StaffChange.Done;
    }

    /// <summary>True when <paramref name="user"/> is the only Admin who is not locked by an Admin.</summary>
    private async Task<bool> IsLastActiveAdminAsync(StaffUser user)
    {
        var admins = await users.GetUsersInRoleAsync(StaffRoles.Admin);
        return !admins.Any(admin => admin.Id != user.Id && !IsLockedByAdmin(admin));
    }

    /// <summary>Every staff account with its role, for the users page.</summary>
    public async Task<IReadOnlyList<(StaffUser User, string Role)>> ListAsync()
    {
        var roleNames = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name ?? "");
        var userRoles = await db.UserRoles.AsNoTracking().ToListAsync();
        var all = await db.Users.AsNoTracking().OrderBy(u => u.NormalizedEmail).ToListAsync();
        return all
            .Select(u => (u, userRoles.Where(ur => ur.UserId == u.Id).Select(ur => roleNames.GetValueOrDefault(ur.RoleId, "")).FirstOrDefault() ?? "(none)"))
            .ToList();
    }
}
