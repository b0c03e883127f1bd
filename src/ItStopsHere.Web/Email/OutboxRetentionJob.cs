using ItStopsHere.Web.Data;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Email;

/// <summary>
/// Deletes the outbox's records of sent emails after <see cref="PrivacyOptions.SentEmailRetentionDays"/>
/// and of undeliverable ones after <see cref="PrivacyOptions.FailedEmailRetentionDays"/>. Their text is
/// already gone (cleared when sent or given up on); this removes the address. Messages still waiting
/// or being sent are never touched.
/// </summary>
public sealed class OutboxRetentionJob(AppDbContext db, IOptions<PrivacyOptions> privacy) : IRetentionJob
{
    public string Name => "email-outbox";

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sentBefore = now.AddDays(-privacy.Value.SentEmailRetentionDays);
        var failedBefore = now.AddDays(-privacy.Value.FailedEmailRetentionDays);
        var sent = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Sent && m.SentAt < sentBefore)
            .ExecuteDeleteAsync(cancellationToken);
        var failed = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Failed && m.FailedAt < failedBefore)
            .ExecuteDeleteAsync(cancellationToken);
        return sent + failed;
    }
}
