using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

public sealed class ReportKeyConfiguration : IEntityTypeConfiguration<ReportKey>
{
    public void Configure(EntityTypeBuilder<ReportKey> builder)
    {
        builder.ToTable("ReportKeys");
        builder.HasKey(k => k.ReportId);
        builder.Property(k => k.KekId).HasMaxLength(16);
    }
}
