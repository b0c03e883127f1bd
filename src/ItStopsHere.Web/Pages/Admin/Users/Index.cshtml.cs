using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Users;

public class IndexModel(StaffUserAdministration administration, TimeProvider clock) : PageModel
{
    public sealed record Row(string Id, string Email, string Role, string Status, bool TwoFactor, DateTimeOffset? LastSignedInAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        Rows = (await administration.ListAsync())
            .Select(x => new Row(x.User.Id, x.User.Email ?? "", x.Role, StatusOf(x.User, now), x.User.TwoFactorEnabled, x.User.LastSignedInAt))
            .ToList();
    }

    public static string StatusOf(StaffUser user, DateTimeOffset now) =>
        StaffUserAdministration.IsLockedByAdmin(user) ? "Locked by an Admin"
        : user.LockoutEnd > now ? "Locked after failed sign-ins"
        : user.PasswordHash is null ? "Invited: no password yet"
        : "Active";
}
