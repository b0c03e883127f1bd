using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public const int MaxAddressLength = 254;

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => m.MessageKey).IsUnique();
        builder.Property(m => m.Kind).HasMaxLength(40);
        builder.Property(m => m.Reference).HasMaxLength(100);
        builder.HasIndex(m => m.Reference);
        // Addresses are compared without regard to ASCII case, so erasing "Sam@Example.ac.uk" finds "sam@example.ac.uk".
        builder.Property(m => m.ToAddress).HasMaxLength(MaxAddressLength).UseCollation("NOCASE");
        builder.HasIndex(m => m.ToAddress);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });

        builder.Property(m => m.CreatedAt).HasConversion<UnixMillisecondsConverter>();
        builder.Property(m => m.NextAttemptAt).HasConversion<UnixMillisecondsConverter>();
        builder.Property(m => m.LeaseExpiresAt).HasConversion<UnixMillisecondsConverter>();
        builder.Property(m => m.SentAt).HasConversion<UnixMillisecondsConverter>();
        builder.Property(m => m.FailedAt).HasConversion<UnixMillisecondsConverter>();
    }
}
