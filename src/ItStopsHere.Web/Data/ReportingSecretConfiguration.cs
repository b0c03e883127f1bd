using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

public sealed class ReportingSecretConfiguration : IEntityTypeConfiguration<ReportingSecret>
{
    public void Configure(EntityTypeBuilder<ReportingSecret> builder)
    {
        builder.ToTable("ReportingSecrets");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(40);
        builder.Property(s => s.KekId).HasMaxLength(16);
    }
}
