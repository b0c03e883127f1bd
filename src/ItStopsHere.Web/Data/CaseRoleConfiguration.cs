using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

/// <summary>The reporting channel's two roles (<see cref="StaffRoles.CaseManager"/>, <see cref="StaffRoles.Adviser"/>), beside the site's.</summary>
public sealed class CaseRoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder) =>
        builder.HasData(
            new IdentityRole
            {
                Id = "c41d7e2a-93b5-4f61-8a0e-5b2c9d4f7e31",
                Name = StaffRoles.CaseManager,
                NormalizedName = "CASEMANAGER",
                ConcurrencyStamp = "0d6b2f8e-5a4c-4e19-b7d3-9c1e2a5f8b41",
            },
            new IdentityRole
            {
                Id = "e7a9c5b3-1f2d-4a8e-9b6c-3d5f7a1c9e52",
                Name = StaffRoles.Adviser,
                NormalizedName = "ADVISER",
                ConcurrencyStamp = "6f1a3c9d-8b2e-4d57-a0c4-2e9b7d1f5a63",
            });
}
