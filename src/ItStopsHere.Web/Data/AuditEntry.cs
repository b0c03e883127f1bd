using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

/// <summary>
/// One line of the append-only audit log: who did what to which record, when, and why.
/// Entries are only ever added (see <see cref="AuditLogSchema"/>). Never put a password, a token or a
/// signer's personal data in <see cref="Details"/>.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The staff member's user id; null for an anonymous visitor (a failed sign-in) or the command line.</summary>
    public string? ActorId { get; set; }

    /// <summary>Who it was, as shown then (the staff member's email, "command line", "anonymous"): kept if the user is removed.</summary>
    public string ActorName { get; set; } = "";

    /// <summary>What happened: one of <see cref="ItStopsHere.Web.Infrastructure.AuditActions"/>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The kind of record acted on, e.g. "User" or "Signature".</summary>
    public string RecordType { get; set; } = "";

    public string? RecordId { get; set; }

    /// <summary>The reason or a short description of the change, in words a person can read later.</summary>
    public string? Details { get; set; }
}

/// <summary>What keeps the audit log append-only, at both levels where a change could come from.</summary>
public static class AuditLogSchema
{
    public const string Table = "AuditEntries";

    /// <summary>
    /// SQLite triggers that refuse any UPDATE or DELETE of an audit entry, whoever issues it (EF Core,
    /// ExecuteUpdate/ExecuteDelete, raw SQL). Applied by the migration that creates the table, with <c>migrationBuilder.Sql</c>;
    /// keep that call when migrations are regenerated.
    /// </summary>
    public const string CreateTriggersSql = """
        CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
        BEGIN
            SELECT RAISE(ABORT, 'The audit log is append-only: entries cannot be changed.');
        END;
        CREATE TRIGGER "AuditEntries_NoDelete" BEFORE DELETE ON "AuditEntries"
        BEGIN
            SELECT RAISE(ABORT, 'The audit log is append-only: entries cannot be deleted.');
        END;
        """;

    public const string DropTriggersSql = """
        DROP TRIGGER IF EXISTS "AuditEntries_NoUpdate";
        DROP TRIGGER IF EXISTS "AuditEntries_NoDelete";
        """;

    /// <summary>Called from <see cref="AppDbContext"/> before every save: a changed or deleted entry is a bug, never data.</summary>
    public static void RefuseChanges(ChangeTracker changeTracker)
    {
        foreach (var entry in changeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException(
                    $"The audit log is append-only: entry {entry.Entity.Id} cannot be {(entry.State == EntityState.Deleted ? "deleted" : "changed")}.");
            }
        }
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable(AuditLogSchema.Table);
        builder.HasKey(e => e.Id);
        // Stored as Unix milliseconds so that SQLite can compare and filter by date.
        builder.Property(e => e.OccurredAt).HasConversion(
            value => value.ToUnixTimeMilliseconds(),
            value => DateTimeOffset.FromUnixTimeMilliseconds(value));
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
