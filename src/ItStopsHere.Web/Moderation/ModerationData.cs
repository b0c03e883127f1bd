using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Moderation;

/// <summary>
/// One pledge setting changed by an Admin (moderation mode, word list, burst thresholds, goal), stored as
/// text by key. A key with no row falls back to configuration, so a fresh install behaves as configured.
/// </summary>
public class PledgeSetting
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A batch of pledges collected on paper or at a stall: counted in the public total, with no personal data.</summary>
public class OfflinePledge
{
    public long Id { get; set; }

    public int Count { get; set; }

    /// <summary>The day the pledges were collected.</summary>
    public DateOnly CollectedOn { get; set; }

    /// <summary>Where, e.g. "Freshers' fair, Strand".</summary>
    public string Location { get; set; } = "";

    public string? Note { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";
}

public sealed class PledgeSettingConfiguration : IEntityTypeConfiguration<PledgeSetting>
{
    public void Configure(EntityTypeBuilder<PledgeSetting> builder)
    {
        builder.ToTable("PledgeSettings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(64);
        builder.Property(s => s.Value).HasMaxLength(20_000);
        builder.Property(s => s.UpdatedAt).HasConversion<UnixMillisecondsConverter>();
    }
}

public sealed class OfflinePledgeConfiguration : IEntityTypeConfiguration<OfflinePledge>
{
    public void Configure(EntityTypeBuilder<OfflinePledge> builder)
    {
        builder.ToTable("OfflinePledges", table =>
            table.HasCheckConstraint("CK_OfflinePledges_Count", "\"Count\" BETWEEN 1 AND 100000"));
        builder.Property(p => p.Location).HasMaxLength(120).IsRequired();
        builder.Property(p => p.Note).HasMaxLength(500);
        builder.Property(p => p.RecordedBy).HasMaxLength(256);
        builder.Property(p => p.RecordedAt).HasConversion<UnixMillisecondsConverter>();
        builder.HasIndex(p => p.CollectedOn);
    }
}
