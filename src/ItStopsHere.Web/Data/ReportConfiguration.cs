using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

public sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.ToTable("Reports");
        builder.Property(r => r.Categories).HasMaxLength(200);
        builder.Property(r => r.Place).HasMaxLength(40);
        builder.Property(r => r.Month).HasMaxLength(7);
        builder.Property(r => r.AccessCodeHash).HasMaxLength(64);
        builder.Property(r => r.ContactTokenHash).HasMaxLength(64);
        builder.Property(r => r.AdviserId).HasMaxLength(450);
        builder.Property(r => r.CreatedAt).HasConversion<UtcDateTimeOffsetConverter>();
        builder.Property(r => r.UpdatedAt).HasConversion<UtcDateTimeOffsetConverter>();
        builder.Property(r => r.FirstReplyAt).HasConversion<UtcDateTimeOffsetConverter>();
        builder.Property(r => r.ClosedAt).HasConversion<UtcDateTimeOffsetConverter>();
        builder.HasIndex(r => r.AccessCodeHash).IsUnique();
        builder.HasIndex(r => r.ContactTokenHash).IsUnique();
        builder.HasIndex(r => new { r.State, r.CreatedAt });
        builder.HasIndex(r => r.AdviserId);
        builder.HasOne(r => r.Key).WithOne().HasForeignKey<ReportKey>(k => k.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Messages).WithOne().HasForeignKey(m => m.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
