using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;

namespace ItStopsHere.Web.Audit;

/// <summary>Writes audit entries with raw SQL inside the signature writer's transaction (the audit table is append-only).</summary>
public static class ModerationAudit
{
    public static void Insert(SignatureTransaction tx, DateTimeOffset at, AuditActor actor, string action, string recordType, string? recordId, string? details)
    {
        if (details is { Length: > AuditLog.MaxDetailsLength })
        {
            details = details[..(AuditLog.MaxDetailsLength - 1)] + "…";
        }

        using var insert = tx.Command("""
            INSERT INTO "AuditEntries" ("OccurredAt", "ActorId", "ActorName", "Action", "RecordType", "RecordId", "Details")
            VALUES ($at, $actorId, $actorName, $action, $recordType, $recordId, $details)
            """);
        insert.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$actorId", (object?)actor.Id ?? DBNull.Value);
        insert.Parameters.AddWithValue("$actorName", actor.Name);
        insert.Parameters.AddWithValue("$action", action);
        insert.Parameters.AddWithValue("$recordType", recordType);
        insert.Parameters.AddWithValue("$recordId", (object?)recordId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$details", (object?)details ?? DBNull.Value);
        insert.ExecuteNonQuery();
    }
}
