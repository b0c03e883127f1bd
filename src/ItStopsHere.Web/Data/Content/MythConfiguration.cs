using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data.Content;

public sealed class MythConfiguration : IEntityTypeConfiguration<Myth>
{
    public void Configure(EntityTypeBuilder<Myth> builder)
    {
        builder.Property(m => m.Statement).HasMaxLength(300);
        builder.Property(m => m.Answer).HasMaxLength(4000);
        builder.Property(m => m.Source).HasMaxLength(1000);
        builder.Property(m => m.SourceUrl).HasMaxLength(2000);
        builder.HasIndex(m => m.SortOrder);
    }
}
