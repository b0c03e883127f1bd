using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data.Content;

/// <summary>
/// Records that a piece of first-run content was added, so it is added once only: content the campaign
/// team later edits or deletes is never brought back by a restart.
/// </summary>
public class SeedMarker
{
    public string Key { get; set; } = "";

    public DateTimeOffset SeededAt { get; set; }
}

public sealed class SeedMarkerConfiguration : IEntityTypeConfiguration<SeedMarker>
{
    public void Configure(EntityTypeBuilder<SeedMarker> builder)
    {
        builder.HasKey(m => m.Key);
        builder.Property(m => m.Key).HasMaxLength(100);
        builder.Property(m => m.SeededAt).HasConversion<UtcDateTimeOffsetConverter>();
    }
}
