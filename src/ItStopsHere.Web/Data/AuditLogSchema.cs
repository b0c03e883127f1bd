using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

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

    /// <summary>
    /// PostgreSQL: a trigger function raising an exception on any UPDATE or DELETE of an audit entry (and
    /// TRUNCATE, which skips row triggers), created by the initial PostgreSQL migration. Only the table's
    /// owner (or a superuser) can drop or disable the trigger, so the site's own role must not own the table:
    /// see README, "PostgreSQL".
    /// </summary>
    public const string PostgreSqlCreateTriggersSql = """
        CREATE FUNCTION "AuditEntries_RefuseChange"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                RAISE EXCEPTION 'The audit log is append-only: entries cannot be changed.';
            END IF;
            RAISE EXCEPTION 'The audit log is append-only: entries cannot be deleted.';
        END;
        $$;
        CREATE TRIGGER "AuditEntries_NoUpdateOrDelete" BEFORE UPDATE OR DELETE ON "AuditEntries"
            FOR EACH ROW EXECUTE FUNCTION "AuditEntries_RefuseChange"();
        CREATE TRIGGER "AuditEntries_NoTruncate" BEFORE TRUNCATE ON "AuditEntries"
            FOR EACH STATEMENT EXECUTE FUNCTION "AuditEntries_RefuseChange"();
        """;

    public const string PostgreSqlDropTriggersSql = """
        DROP TRIGGER IF EXISTS "AuditEntries_NoTruncate" ON "AuditEntries";
        DROP TRIGGER IF EXISTS "AuditEntries_NoUpdateOrDelete" ON "AuditEntries";
        DROP FUNCTION IF EXISTS "AuditEntries_RefuseChange"();
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
