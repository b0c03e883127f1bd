namespace ItStopsHere.Web.Signing;

/// <summary>
/// PostgreSQL only: the log that lets every instance hear what any instance committed (issue 14, "Live
/// across instances"). Triggers on <c>Signatures</c> and <c>OfflinePledges</c> record, for each committed
/// change the public can see (a signature published, a published one taken down or erased, offline pledges
/// counted), one row of public facts in <c>PledgeChanges</c>, and send one <c>NOTIFY pledge_changes</c> per
/// transaction whose payload is the transaction's highest row id. <see cref="PledgeChangeListener"/> reads
/// the rows after the last one it applied.
/// </summary>
/// <remarks>
/// <para>Why triggers: every path that changes a signature (the writer's batches, moderation, retention,
/// erasure, a person's own withdrawal) is covered without each one having to remember, and the rows are
/// written in the very transaction that makes the change.</para>
/// <para>Why the rows are written at commit (deferred constraint triggers) under one advisory lock: the ids
/// must be visible in id order, or a reader that has seen id 12 could later miss an id 11 that committed
/// after it. Each transaction takes <see cref="LockKey"/> as its very last lock, just before it commits,
/// and only then numbers its rows, so a transaction with lower ids is always visible before one with higher
/// ids. Taking it last means it can never be part of a deadlock (the holder waits for nothing else), and
/// it is held only for the commit itself.</para>
/// <para>Privacy: the rows hold only what the public page shows; a take-down row carries no name, and
/// erasing a signature blanks the name and detail on its earlier rows at once. Rows are pruned after
/// <see cref="PledgeChangeListener.Retention"/>.</para>
/// </remarks>
public static class PledgeChangeLog
{
    public const string Channel = "pledge_changes";

    /// <summary>The transaction-level advisory lock that orders the log (a constant no other feature uses).</summary>
    public const long LockKey = 7_146_001_401;

    public const int Published = 1;
    public const int TakenDown = 2;
    public const int Offline = 3;

    public static readonly string PostgreSqlCreateSql = $$"""
        CREATE TABLE "PledgeChanges" (
            "Id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "Kind" smallint NOT NULL,
            "SignatureId" bigint NULL,
            "Number" bigint NOT NULL DEFAULT 0,
            "SignatoryType" integer NOT NULL DEFAULT 0,
            "Name" character varying(80) NOT NULL DEFAULT '',
            "NameDisplay" integer NOT NULL DEFAULT 0,
            "Affiliation" integer NULL,
            "Detail" character varying(60) NULL,
            "Actions" integer NOT NULL DEFAULT 0,
            "SignedAt" bigint NOT NULL DEFAULT 0,
            "OfflineDelta" bigint NOT NULL DEFAULT 0,
            "ChangedAt" timestamp with time zone NOT NULL DEFAULT now()
        );
        CREATE INDEX "IX_PledgeChanges_SignatureId" ON "PledgeChanges" ("SignatureId");
        CREATE INDEX "IX_PledgeChanges_ChangedAt" ON "PledgeChanges" ("ChangedAt");

        -- At commit, once per changed signature row (deferred), in the order the changes were made.
        CREATE FUNCTION itsh_pledge_signature_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE
            was boolean := TG_OP <> 'INSERT' AND OLD."Status" = 1;
            now_published boolean := TG_OP <> 'DELETE' AND NEW."Status" = 1;
        BEGIN
            IF TG_OP = 'DELETE' THEN
                -- Erased: its name goes from the log too, at once.
                UPDATE "PledgeChanges" SET "Name" = '', "Detail" = NULL WHERE "SignatureId" = OLD."Id";
            END IF;
            IF NOT was AND NOT now_published THEN
                RETURN NULL;
            END IF;
            IF was AND now_published
                AND (OLD."Number", OLD."SignatoryType", OLD."Name", OLD."NameDisplay", OLD."Affiliation", OLD."Detail", OLD."Actions", OLD."SignedAt")
                    IS NOT DISTINCT FROM (NEW."Number", NEW."SignatoryType", NEW."Name", NEW."NameDisplay", NEW."Affiliation", NEW."Detail", NEW."Actions", NEW."SignedAt") THEN
                RETURN NULL;
            END IF;
            PERFORM pg_advisory_xact_lock({{LockKey}});
            IF was THEN
                INSERT INTO "PledgeChanges" ("Kind", "SignatureId", "Number", "SignatoryType", "NameDisplay", "Affiliation", "Actions", "SignedAt")
                VALUES ({{TakenDown}}, OLD."Id", OLD."Number", OLD."SignatoryType", OLD."NameDisplay", OLD."Affiliation", OLD."Actions", OLD."SignedAt");
            END IF;
            IF now_published THEN
                INSERT INTO "PledgeChanges" ("Kind", "SignatureId", "Number", "SignatoryType", "Name", "NameDisplay", "Affiliation", "Detail", "Actions", "SignedAt")
                VALUES ({{Published}}, NEW."Id", NEW."Number", NEW."SignatoryType", NEW."Name", NEW."NameDisplay", NEW."Affiliation", NEW."Detail", NEW."Actions", NEW."SignedAt");
            END IF;
            RETURN NULL;
        END
        $fn$;
        CREATE CONSTRAINT TRIGGER "TR_Signatures_PledgeChanges" AFTER INSERT OR UPDATE OR DELETE ON "Signatures"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION itsh_pledge_signature_change();

        CREATE FUNCTION itsh_pledge_offline_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE
            delta bigint := (CASE WHEN TG_OP = 'DELETE' THEN 0 ELSE NEW."Count" END) - (CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD."Count" END);
        BEGIN
            IF delta <> 0 THEN
                PERFORM pg_advisory_xact_lock({{LockKey}});
                INSERT INTO "PledgeChanges" ("Kind", "OfflineDelta") VALUES ({{Offline}}, delta);
            END IF;
            RETURN NULL;
        END
        $fn$;
        CREATE CONSTRAINT TRIGGER "TR_OfflinePledges_PledgeChanges" AFTER INSERT OR UPDATE OR DELETE ON "OfflinePledges"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION itsh_pledge_offline_change();

        -- Fired (deferred) after the rows above, so the first firing sees the transaction's highest id:
        -- one notification per transaction, however many rows it logged.
        CREATE FUNCTION itsh_pledge_notify() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF current_setting('itsh.pledge_notified', true) = 'y' THEN
                RETURN NULL;
            END IF;
            PERFORM set_config('itsh.pledge_notified', 'y', true);
            PERFORM pg_notify('{{Channel}}', (SELECT max("Id") FROM "PledgeChanges")::text);
            RETURN NULL;
        END
        $fn$;
        CREATE CONSTRAINT TRIGGER "TR_PledgeChanges_Notify" AFTER INSERT ON "PledgeChanges"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION itsh_pledge_notify();
        """;

    public const string PostgreSqlDropSql = """
        DROP TABLE IF EXISTS "PledgeChanges";
        DROP TRIGGER IF EXISTS "TR_Signatures_PledgeChanges" ON "Signatures";
        DROP TRIGGER IF EXISTS "TR_OfflinePledges_PledgeChanges" ON "OfflinePledges";
        DROP FUNCTION IF EXISTS itsh_pledge_notify();
        DROP FUNCTION IF EXISTS itsh_pledge_signature_change();
        DROP FUNCTION IF EXISTS itsh_pledge_offline_change();
        """;
}
