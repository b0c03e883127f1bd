using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable(AuditLogSchema.Table);
        builder.HasKey(e => e.Id);
        // Stored as Unix milliseconds so that SQLite can compare and filter by date.
        builder.Property(e => e.OccurredAt).HasConversion<UnixMillisecondsConverter>();
        builder.Property(e => e.ActorId).HasMaxLength(64);
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.RecordType).HasMaxLength(64);
        builder.Property(e => e.RecordId).HasMaxLength(64);
        builder.Property(e => e.Details).HasMaxLength(1000);
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.ActorName, e.Id });
        builder.HasIndex(e => new { e.Action, e.Id });
    }
}
