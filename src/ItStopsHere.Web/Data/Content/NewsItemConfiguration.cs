using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data.Content;

public sealed class NewsItemConfiguration : IEntityTypeConfiguration<NewsItem>
{
    public const int SlugMaxLength = 100;

    public void Configure(EntityTypeBuilder<NewsItem> builder)
    {
        builder.Property(n => n.Slug).HasMaxLength(SlugMaxLength);
        builder.HasIndex(n => n.Slug).IsUnique();
        builder.Property(n => n.Title).HasMaxLength(200);
        builder.Property(n => n.Summary).HasMaxLength(500);
        builder.Property(n => n.Body).HasMaxLength(50_000);
        builder.Property(n => n.Location).HasMaxLength(300);
        builder.Property(n => n.ExternalUrl).HasMaxLength(2000);

        // Stored as UTC text, so SQLite can sort and compare them (it cannot order DateTimeOffset).
        builder.Property(n => n.PublishedAt).HasConversion<UtcDateTimeOffsetConverter>();
        builder.Property(n => n.StartsAt).HasConversion<UtcDateTimeOffsetConverter>();
        builder.Property(n => n.EndsAt).HasConversion<UtcDateTimeOffsetConverter>();
        builder.HasIndex(n => new { n.IsPublished, n.PublishedAt });
        builder.HasIndex(n => n.StartsAt);

        builder.Ignore(n => n.IsEvent);
        builder.Ignore(n => n.EventOverAt);
    }
}
