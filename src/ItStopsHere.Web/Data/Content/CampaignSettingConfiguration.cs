using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data.Content;

public sealed class CampaignSettingConfiguration : IEntityTypeConfiguration<CampaignSetting>
{
    public const int KeyMaxLength = 100;
    public const int ValueMaxLength = 2000;

    public void Configure(EntityTypeBuilder<CampaignSetting> builder)
    {
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(KeyMaxLength);
        builder.Property(s => s.Value).HasMaxLength(ValueMaxLength);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.Property(s => s.UpdatedAt).HasConversion<UtcDateTimeOffsetConverter>();
    }
}
