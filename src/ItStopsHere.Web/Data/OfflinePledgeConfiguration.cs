using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

public sealed class OfflinePledgeConfiguration : IEntityTypeConfiguration<OfflinePledge>
{
    public void Configure(EntityTypeBuilder<OfflinePledge> builder)
    {
        builder.ToTable("OfflinePledges", table =>
            table.HasCheckConstraint("CK_OfflinePledges_Count", "\"Count\" BETWEEN 1 AND 100000"));
        builder.Property(p => p.Location).HasMaxLength(120).IsRequired();
        builder.Property(p => p.Note).HasMaxLength(500);
        builder.Property(p => p.RecordedBy).HasMaxLength(256);
        builder.Property(p => p.RecordedAt).HasConversion<UnixMillisecondsConverter>();
        builder.HasIndex(p => p.CollectedOn);
    }
}
