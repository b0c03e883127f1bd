using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

/// <summary>
/// A member of the campaign team who can sign in: an Admin or a Moderator (see <see cref="StaffRoles"/>).
/// The user name is always the email address. There is no public registration: Admins add staff.
/// </summary>
public class StaffUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignedInAt { get; set; }
}
