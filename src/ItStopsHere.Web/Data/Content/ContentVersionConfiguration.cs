using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data.Content;

public sealed class ContentVersionConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 1000;
    public const int BodyMaxLength = 50_000;
    public const int ContentNoteMaxLength = 200;
    public const int ChangeNoteMaxLength = 300;

    public void Configure(EntityTypeBuilder<ContentVersion> builder)
    {
        builder.ToTable(ContentVersionSchema.Table);
        builder.Property(v => v.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Title).HasMaxLength(TitleMaxLength);
        builder.Property(v => v.Summary).HasMaxLength(SummaryMaxLength);
        builder.Property(v => v.Body).HasMaxLength(BodyMaxLength);
        builder.Property(v => v.ContentNote).HasMaxLength(ContentNoteMaxLength);
        builder.Property(v => v.ChangeNote).HasMaxLength(ChangeNoteMaxLength);
        builder.Property(v => v.PublishedBy).HasMaxLength(256);
        builder.Property(v => v.SavedBy).HasMaxLength(256);
        // UTC text, so SQLite can compare them (and the triggers can compare with datetime('now')).
        builder.Property(v => v.PublishedAt).HasConversion<UtcDateTimeOffsetConverter>();
        builder.Property(v => v.SavedAt).HasConversion<UtcDateTimeOffsetConverter>();

        builder.Property(v => v.Items).HasConversion(new ContentListItemsConverter(), ContentListItemsConverter.Comparer);

        builder.HasOne(v => v.Page).WithMany(p => p.Versions).HasForeignKey(v => v.PageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.PageId, v.Number }).IsUnique();
        // At most one draft per page.
        builder.HasIndex(v => v.PageId).IsUnique().HasFilter("\"State\" = 'Draft'").HasDatabaseName("IX_ContentVersions_OneDraftPerPage");
        builder.HasIndex(v => new { v.State, v.PublishedAt });
    }
}
