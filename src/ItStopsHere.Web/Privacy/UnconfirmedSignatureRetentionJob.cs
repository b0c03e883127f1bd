using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Privacy;

/// <summary>
/// Deletes signatures never confirmed within <see cref="PrivacyOptions.UnconfirmedExpiryDays"/>, with
/// every email about them. They were never counted or shown, so nothing public changes.
/// </summary>
public sealed class UnconfirmedSignatureRetentionJob(AppDbContext db, IOptions<PrivacyOptions> privacy) : IRetentionJob
{
    public string Name => "unconfirmed-signatures";

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now.AddDays(-privacy.Value.UnconfirmedExpiryDays).ToUnixTimeMilliseconds();
        var unconfirmed = (int)SignatureStatus.Unconfirmed;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The same condition twice in one transaction: a signature confirmed a moment ago is not touched.
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM "OutboxMessages" WHERE "Reference" IN (
                SELECT 'signature:' || "Id" FROM "Signatures" WHERE "Status" = {unconfirmed} AND "SignedAt" < {before})
            """, cancellationToken);
        var deleted = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM "Signatures" WHERE "Status" = {unconfirmed} AND "SignedAt" < {before}
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
