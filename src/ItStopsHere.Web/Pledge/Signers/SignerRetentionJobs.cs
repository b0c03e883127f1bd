using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pledge.Signers;

/// <summary>
/// Deletes the keyed hash of the signer's network address <see cref="PrivacyOptions.IpHashRetentionDays"/>
/// after signing. Nothing else about the signature changes. None of these jobs touches what is public
/// (the number, the count, the feeds), so they write directly rather than through the writer.
/// </summary>
public sealed class IpHashRetentionJob(AppDbContext db, IOptions<PrivacyOptions> privacy) : IRetentionJob
{
    public string Name => "ip-hash";

    public Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now.AddDays(-privacy.Value.IpHashRetentionDays);
        return db.Signatures
            .Where(s => s.ClientHash != null && s.SignedAt < before)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClientHash, (string?)null), cancellationToken);
    }
}

/// <summary>
/// From <see cref="PrivacyOptions.SignerEmailDeletionDate"/> (London time), deletes every signer's email
/// address and personal link, keeping the public signature, its number and the counts. Does nothing
/// while the campaign has no closing date.
/// </summary>
public sealed class SignerEmailRetentionJob(AppDbContext db, IOptions<PrivacyOptions> privacy) : IRetentionJob
{
    public string Name => "signer-email";

    public Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (privacy.Value.SignerEmailDeletionDate is not { } date || now < StartOfLondonDay(date))
        {
            return Task.FromResult(0);
        }

        return db.Signatures
            .Where(s => s.Email != null || s.NormalizedEmail != null || s.ManageTokenHash != null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Email, (string?)null)
                .SetProperty(x => x.NormalizedEmail, (string?)null)
                .SetProperty(x => x.ManageTokenHash, (string?)null), cancellationToken);
    }

    public static DateTimeOffset StartOfLondonDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, UkFormat.London.GetUtcOffset(local));
    }
}

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
