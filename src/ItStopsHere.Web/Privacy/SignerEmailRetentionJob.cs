using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Privacy;

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
