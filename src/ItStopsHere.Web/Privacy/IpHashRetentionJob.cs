using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Privacy;

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
