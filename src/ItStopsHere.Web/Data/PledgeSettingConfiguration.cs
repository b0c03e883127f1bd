using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

public sealed class PledgeSettingConfiguration : IEntityTypeConfiguration<PledgeSetting>
{
    public void Configure(EntityTypeBuilder<PledgeSetting> builder)
    {
        builder.ToTable("PledgeSettings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(64);
        builder.Property(s => s.Value).HasMaxLength(20_000);
        builder.Property(s => s.UpdatedAt).HasConversion<UnixMillisecondsConverter>();
    }
}
