using System.Security.Claims;
using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Accounts;

/// <summary>
/// Where a staff member starts: the admin home for Admins, Moderators and Editors; the case desk for
/// someone who holds only a case role (Case manager or Adviser), who may not open <c>/admin</c>.
/// </summary>
public static class StaffHome
{
    public const string Admin = "/admin";

    public const string Cases = "/cases";

    public static string For(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var held = roles.ToList();
        return held.Any(StaffRoles.AdminArea.Contains) ? Admin
            : held.Any(StaffRoles.CaseRoles.Contains) ? Cases
            : Admin;
    }

    public static string For(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return For(StaffRoles.All.Where(user.IsInRole));
    }

    /// <summary>Whether the person may open the admin home page.</summary>
    public static bool OpensAdmin(ClaimsPrincipal user) => user is not null && StaffRoles.AdminArea.Any(user.IsInRole);

    /// <summary>Whether the person may open the case desk.</summary>
    public static bool OpensCases(ClaimsPrincipal user) => user is not null && StaffRoles.CaseRoles.Any(user.IsInRole);
}
