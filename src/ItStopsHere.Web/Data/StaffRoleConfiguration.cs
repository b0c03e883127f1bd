using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

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
            },
            new IdentityRole
            {
                Id = "c2e8f4a1-9b3d-4d6e-8a17-5f0b2c9d4e33",
                Name = StaffRoles.Editor,
                NormalizedName = "EDITOR",
                ConcurrencyStamp = "7a1d5e9c-3b2f-4c8a-b6d4-2e9f1a7c5b03",
            });
}
