using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

public sealed class RetainedReportFactsConfiguration : IEntityTypeConfiguration<RetainedReportFacts>
{
    public void Configure(EntityTypeBuilder<RetainedReportFacts> builder)
    {
        builder.ToTable("RetainedReportFacts");
        builder.Property(r => r.Categories).HasMaxLength(200);
        builder.Property(r => r.Place).HasMaxLength(40);
        builder.Property(r => r.Month).HasMaxLength(7);
        builder.HasIndex(r => r.Month);
    }
}
