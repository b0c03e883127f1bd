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

/// <summary>The two staff roles. Every staff member has exactly one.</summary>
public static class StaffRoles
{
    /// <summary>Everything: users, content, settings, export, the audit log, and all a Moderator can do.</summary>
    public const string Admin = "Admin";

    /// <summary>Signature moderation and offline pledges.</summary>
    public const string Moderator = "Moderator";

    public static IReadOnlyList<string> All { get; } = [Admin, Moderator];

    /// <summary>The role's name as written in the UI, or null when <paramref name="value"/> is not a role.</summary>
    public static string? Parse(string? value) =>
        All.FirstOrDefault(role => string.Equals(role, value?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Describe(string role) => role switch
    {
        Admin => "Everything, including users, content, settings, export and the audit log",
        Moderator => "Moderating signatures and recording offline pledges",
        _ => role,
    };
}

public sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.Property(u => u.Email).HasMaxLength(256);
        builder.Property(u => u.UserName).HasMaxLength(256);
    }
}

/// <summary>The roles exist from the first migration on, so the command line can add the first Admin.</summary>
public sealed class StaffRoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder) =>
        builder.HasData(
            new IdentityRole
            {
                Id = "5d1e6c1e-4a39-4b8e-9a7c-0a5b0c3e7a11",
                Name = StaffRoles.Admin,
                NormalizedName = "ADMIN",
                ConcurrencyStamp = "b0c9d9a4-7f0e-4c55-8d1b-1b4f2c6f9e01",
            },
            new IdentityRole
            {
                Id = "8f3a2b7d-6c14-4f0a-b2e9-3d7c5e1a9b22",
                Name = StaffRoles.Moderator,
                NormalizedName = "MODERATOR",
                ConcurrencyStamp = "e4a7c3f2-1d8b-4e6a-9f05-7c2b8d4e6a02",
            });
}
