using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ItStopsHere.Web.Data.Content;

/// <summary>
/// What keeps published page versions as they were published, at both levels where a change could come
/// from (as <see cref="AuditLogSchema"/> does for the audit log).
/// </summary>
public static class ContentVersionSchema
{
    public const string Table = "ContentVersions";

    /// <summary>The shortest time a published version is kept, whatever the configuration says; the database holds to it too.</summary>
    public const int MinimumKeepYears = 3;

    /// <summary>
    /// SQLite triggers: a published version can never be changed, and cannot be deleted until it is
    /// <see cref="MinimumKeepYears"/> years old, whoever asks (EF Core, ExecuteUpdate/ExecuteDelete, raw SQL).
    /// Applied by the migration that creates the table, with <c>migrationBuilder.Sql</c>; keep that call when
    /// migrations are regenerated.
    /// </summary>
    public const string CreateTriggersSql = """
        CREATE TRIGGER "ContentVersions_PublishedNoUpdate" BEFORE UPDATE ON "ContentVersions"
        WHEN OLD."State" = 'Published'
        BEGIN
            SELECT RAISE(ABORT, 'A published page version cannot be changed.');
        END;
        CREATE TRIGGER "ContentVersions_PublishedNoDelete" BEFORE DELETE ON "ContentVersions"
        WHEN OLD."State" = 'Published' AND OLD."PublishedAt" > datetime('now', '-3 years')
        BEGIN
            SELECT RAISE(ABORT, 'A published page version is kept for at least 3 years.');
        END;
        """;

    public const string DropTriggersSql = """
        DROP TRIGGER IF EXISTS "ContentVersions_PublishedNoUpdate";
        DROP TRIGGER IF EXISTS "ContentVersions_PublishedNoDelete";
        """;

    /// <summary>
    /// PostgreSQL: the same two rules as a trigger function, created by the initial PostgreSQL migration.
    /// As for the audit log, the site's role must not own the table (the owner could drop the trigger).
    /// </summary>
    public const string PostgreSqlCreateTriggersSql = """
        CREATE FUNCTION "ContentVersions_KeepPublished"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD."State" = 'Published' THEN
                IF TG_OP = 'UPDATE' THEN
                    RAISE EXCEPTION 'A published page version cannot be changed.';
                END IF;
                IF OLD."PublishedAt" > now() - interval '3 years' THEN
                    RAISE EXCEPTION 'A published page version is kept for at least 3 years.';
                END IF;
            END IF;
            IF TG_OP = 'UPDATE' THEN
                RETURN NEW;
            END IF;
            RETURN OLD;
        END;
        $$;
        CREATE TRIGGER "ContentVersions_PublishedKept" BEFORE UPDATE OR DELETE ON "ContentVersions"
            FOR EACH ROW EXECUTE FUNCTION "ContentVersions_KeepPublished"();
        """;

    public const string PostgreSqlDropTriggersSql = """
        DROP TRIGGER IF EXISTS "ContentVersions_PublishedKept" ON "ContentVersions";
        DROP FUNCTION IF EXISTS "ContentVersions_KeepPublished"();
        """;

    /// <summary>
    /// Called from <see cref="AppDbContext"/> before every save: changing a published version is a bug.
    /// (Deleting one is only done by the retention job, with ExecuteDelete, which the triggers check.)
    /// </summary>
    public static void RefuseChanges(ChangeTracker changeTracker)
    {
        foreach (var entry in changeTracker.Entries<ContentVersion>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted
                && entry.Property(v => v.State).OriginalValue == ContentVersionState.Published)
            {
                throw new InvalidOperationException(
                    $"Version {entry.Entity.Number} of a page is published: it cannot be {(entry.State == EntityState.Deleted ? "deleted" : "changed")}.");
            }
        }
    }
}
