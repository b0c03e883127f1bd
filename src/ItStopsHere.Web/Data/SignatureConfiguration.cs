using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data;

public sealed class SignatureConfiguration : IEntityTypeConfiguration<Signature>
{
    public void Configure(EntityTypeBuilder<Signature> builder)
    {
        builder.ToTable("Signatures", table =>
        {
            // Defence in depth behind the validator: the database itself refuses impossible rows.
            table.HasCheckConstraint("CK_Signatures_NameLength", "length(\"Name\") BETWEEN 1 AND 80");
            table.HasCheckConstraint("CK_Signatures_DetailLength", "\"Detail\" IS NULL OR length(\"Detail\") <= 60");
            table.HasCheckConstraint("CK_Signatures_EmailLength", "\"Email\" IS NULL OR length(\"Email\") <= 254");
            table.HasCheckConstraint("CK_Signatures_PublishedHasNumber", "\"Status\" <> 1 OR \"Number\" IS NOT NULL");
        });
        builder.Property(s => s.Name).HasMaxLength(80).IsRequired();
        // The writer inserts with raw SQL that names only the signing's own columns: counters start at 0.
        builder.Property(s => s.RepeatNotices).HasDefaultValue(0);
        builder.Property(s => s.RepeatNoticesThatDay).HasDefaultValue(0);
        builder.Property(s => s.Detail).HasMaxLength(60);
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.Property(s => s.NormalizedEmail).HasMaxLength(254);
        builder.Property(s => s.ClientHash).HasMaxLength(64);
        builder.Property(s => s.SignedAt).HasConversion<UnixMillisecondsConverter>();
        builder.Property(s => s.PublishedAt).HasConversion<UnixMillisecondsConverter>();
        builder.Property(s => s.StatusChangedAt).HasConversion<UnixMillisecondsConverter>();

        builder.Property(s => s.ManageTokenHash).HasMaxLength(64);
        builder.HasIndex(s => s.NormalizedEmail).IsUnique();
        builder.HasIndex(s => s.ManageTokenHash).IsUnique();
        builder.HasIndex(s => s.Number).IsUnique();
        builder.HasIndex(s => new { s.Status, s.Number });
        builder.HasIndex(s => new { s.SignatoryType, s.Status, s.Number });
        builder.HasIndex(s => s.SignedAt);
        // Moderation's keyset-paged lists (newest first by Id) filtered by status or type, and the
        // dashboard's "top networks in the last hour".
        builder.HasIndex(s => new { s.Status, s.Id });
        builder.HasIndex(s => new { s.SignatoryType, s.Id });
        builder.HasIndex(s => new { s.SignedAt, s.ClientHash });
    }
}
