using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data;

/// <summary>Where a signature stands. Only <see cref="Published"/> signatures are counted or shown.</summary>
public enum SignatureStatus
{
    /// <summary>Counted and shown, with its public number.</summary>
    Published = 1,

    /// <summary>Waiting for a moderator (pre-moderation, or tripped an automatic rule).</summary>
    Held = 2,

    /// <summary>Taken down by a moderator; keeps its number so nobody else is renumbered.</summary>
    Hidden = 3,

    /// <summary>Waiting for the signer to follow the link in their email (double opt-in); never counted or shown.</summary>
    Unconfirmed = 4,
}

public enum SignatoryType
{
    Individual = 1,
    Team = 2,
    Society = 3,
    Department = 4,
}

public enum Affiliation
{
    Student = 1,
    Staff = 2,
    StudentAndStaff = 3,
    Alumni = 4,
    Other = 5,
}

/// <summary>The four campaign actions a signer commits to; stored as bit flags.</summary>
[Flags]
public enum PledgeActions
{
    None = 0,
    ReportAndSupport = 1,
    TalkAboutIt = 2,
    ActiveBystander = 4,
    FrontlineTraining = 8,
}

public enum NameDisplay
{
    FirstNameAndInitial = 1,
    FullName = 2,
    Hidden = 3,
}

/// <summary>
/// One signature of the pledge. Written only through <c>SignatureWriter</c>, which assigns the public
/// <see cref="Number"/> when the signature is first published and keeps the count and live feed in step.
/// </summary>
public class Signature
{
    public long Id { get; set; }

    /// <summary>Place in publication order, as the original site showed it ("1,088"). Never reused.</summary>
    public long? Number { get; set; }

    public SignatureStatus Status { get; set; }

    public SignatoryType SignatoryType { get; set; }

    /// <summary>The person's name, or the group's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>For individuals only.</summary>
    public Affiliation? Affiliation { get; set; }

    /// <summary>Optional "course, department or society", shown in the feed.</summary>
    public string? Detail { get; set; }

    /// <summary>As typed (trimmed). Never shown on the site.</summary>
    public string? Email { get; set; }

    /// <summary>Trimmed and lower-cased: one signature per address, enforced by a unique index.</summary>
    public string? NormalizedEmail { get; set; }

    public PledgeActions Actions { get; set; }

    public NameDisplay NameDisplay { get; set; } = NameDisplay.FirstNameAndInitial;

    /// <summary>HMAC of the signer's network address (keyed, never the address itself).</summary>
    public string? ClientHash { get; set; }

    public DateTimeOffset SignedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset? StatusChangedAt { get; set; }

    /// <summary>SHA-256 (hex) of the signer's personal manage/confirm link token; the token itself is never stored.</summary>
    public string? ManageTokenHash { get; set; }

    /// <summary>Emails sent because this address signed again, in all (limits re-sent confirmation links).</summary>
    public int RepeatNotices { get; set; }

    /// <summary>The day (Unix days, UTC) of the last such email, and how many went that day: a per-day limit.</summary>
    public long? RepeatNoticeDay { get; set; }

    public int RepeatNoticesThatDay { get; set; }
}

/// <summary>
/// The pledge's single row of state: the last public number handed out (so a number is never reused,
/// even after the signature that had it is deleted) and the generated key for client hashes.
/// </summary>
public class PledgeState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long LastNumber { get; set; }

    /// <summary>The generated HMAC key for client hashes, protected with Data Protection; null until first start.</summary>
    public string? ProtectedClientHashKey { get; set; }
}

/// <summary>
/// Instants are stored as Unix milliseconds (UTC): SQLite can then sort and compare them,
/// which it cannot do with EF Core's text form of <see cref="DateTimeOffset"/>.
/// </summary>
public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));

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

public sealed class PledgeStateConfiguration : IEntityTypeConfiguration<PledgeState>
{
    public void Configure(EntityTypeBuilder<PledgeState> builder)
    {
        builder.ToTable("PledgeState");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new PledgeState { Id = PledgeState.SingletonId, LastNumber = 0 });
    }
}
