using System.Globalization;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;

namespace ItStopsHere.Web.Moderation;

/// <summary>
/// Records and deletes batches of pledges collected offline. Both run inside the
/// <see cref="SignatureWriter"/>'s transaction with their audit entry, so the public total (and every
/// open live counter) moves in the same moment as the row.
/// </summary>
public sealed class OfflinePledges(SignatureWriter writer, TimeProvider clock)
{
    public Task<long> AddAsync(NewOfflinePledge pledge, AuditActor actor, CancellationToken cancellationToken = default) =>
        writer.RunAsync(tx =>
        {
            using var insert = tx.Command("""
                INSERT INTO "OfflinePledges" ("Count", "CollectedOn", "Location", "Note", "RecordedAt", "RecordedBy")
                VALUES (@count, @on, @location, @note, @at, @by)
                RETURNING "Id"
                """);
            insert.With("count", pledge.Count);
            // EF Core keeps a DateOnly as text on SQLite and as a date on PostgreSQL.
            insert.With("on", tx.IsPostgreSql ? pledge.CollectedOn : pledge.CollectedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            insert.With("location", pledge.Location);
            insert.With("note", (object?)pledge.Note ?? DBNull.Value);
            insert.With("at", tx.Now.ToUnixTimeMilliseconds());
            insert.With("by", actor.Name);
            var id = (long)insert.ExecuteScalar()!;
            tx.AdjustOffline(pledge.Count);
            AuditLog.Record(tx, clock.GetUtcNow(), actor, AuditActions.OfflinePledgesAdded, "OfflinePledge", Id(id),
                string.Create(CultureInfo.InvariantCulture, $"{pledge.Count} collected on {pledge.CollectedOn:d MMM yyyy} at {pledge.Location}"));
            return id;
        }, cancellationToken);

    /// <summary>Deletes a batch; false when it was already gone.</summary>
    public Task<bool> DeleteAsync(long id, string? reason, AuditActor actor, CancellationToken cancellationToken = default) =>
        writer.RunAsync(tx =>
        {
            using var delete = tx.Command("""DELETE FROM "OfflinePledges" WHERE "Id" = @id RETURNING "Count", "CollectedOn", "Location" """);
            delete.With("id", id);
            using var reader = delete.ExecuteReader();
            if (!reader.Read())
            {
                return false;
            }

            var count = reader.GetInt32(0);
            var collectedOn = tx.IsPostgreSql
                ? reader.GetFieldValue<DateOnly>(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : reader.GetString(1);
            var details = $"{count} collected on {collectedOn} at {reader.GetString(2)}";
            reader.Close();
            if (!string.IsNullOrWhiteSpace(reason))
            {
                details += ". Reason: " + reason.Trim();
            }

            tx.AdjustOffline(-count);
            AuditLog.Record(tx, clock.GetUtcNow(), actor, AuditActions.OfflinePledgesDeleted, "OfflinePledge", Id(id), details);
            return true;
        }, cancellationToken);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
