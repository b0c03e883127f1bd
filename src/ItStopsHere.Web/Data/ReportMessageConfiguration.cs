using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

public sealed class ReportMessageConfiguration : IEntityTypeConfiguration<ReportMessage>
{
    public void Configure(EntityTypeBuilder<ReportMessage> builder)
    {
        builder.ToTable("ReportMessages");
        builder.Property(m => m.AuthorId).HasMaxLength(450);
        builder.Property(m => m.CreatedAt).HasConversion<UtcDateTimeOffsetConverter>();
        builder.HasIndex(m => new { m.ReportId, m.CreatedAt });
    }
}
