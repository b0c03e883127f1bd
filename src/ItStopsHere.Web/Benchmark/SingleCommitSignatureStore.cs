using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Signing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Benchmark;

/// <summary>
/// Benchmark reference only (<c>Pledge:Benchmark:StorageMode=Naive</c>, accepted only in the
/// <c>Benchmark</c> environment: see <see cref="BenchmarkStorage"/>): the
/// way a form is usually saved, one EF Core transaction per request, so the benchmark can show what
/// group commit buys. It does the same work as the real writer (the signature with its link's hash,
/// and its thank-you in the outbox, in one commit) and keeps the numbering and the feed correct.
/// </summary>
public sealed class SingleCommitSignatureStore(
    IServiceScopeFactory scopes, PledgeFeed feed, TimeProvider clock, SigningLoad load, SignerEmails emails, EmailTemplates templates) : ISignatureStore
{
    private int _inFlight;

    public async Task<SignOutcome> AddAsync(NewSignature signature, CancellationToken cancellationToken)
    {
        // Reported like the writer's batches, so the email sender gives way to both alike.
        load.Report(Interlocked.Increment(ref _inFlight));
        try
        {
            return await SaveAsync(signature);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<SignOutcome> SaveAsync(NewSignature signature)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            // SQLite: the first write takes the database's one write lock. PostgreSQL: lock the counter row
            // first, so concurrent requests number one after another instead of reading the same last number.
            var states = db.Database.IsSqlite()
                ? db.PledgeStates
                : db.PledgeStates.FromSql($"""SELECT * FROM "PledgeState" WHERE "Id" = {PledgeState.SingletonId} FOR UPDATE""");
            var state = await states.SingleAsync(s => s.Id == PledgeState.SingletonId, CancellationToken.None);
            if (await db.Signatures.AnyAsync(s => s.NormalizedEmail == signature.NormalizedEmail, CancellationToken.None))
            {
                return SignOutcome.Duplicate;
            }

            var publish = signature.InitialStatus == SignatureStatus.Published;
            long? number = publish ? ++state.LastNumber : null;
            var entity = SignatureColumns.ToEntity(signature, number, publish ? clock.GetUtcNow() : null);
            db.Signatures.Add(entity);
            // The email's reference needs the new row's id: a second statement, in the same transaction and commit.
            await db.SaveChangesAsync(CancellationToken.None);
            if (signature.Link is { } link)
            {
                db.OutboxMessages.Add(FirstEmailRow(signature, entity.Id, entity.Number, link.Token, clock.GetUtcNow()));
                await db.SaveChangesAsync(CancellationToken.None);
            }

            // Committing wakes the outbox sender (OutboxCommitInterceptor).
            await transaction.CommitAsync(CancellationToken.None);
            if (entity.Number is { } published)
            {
                feed.Apply([new FeedChange(true, signature.ToFacts(published))], published);
            }

            return new SignOutcome(SignOutcomeKind.Added, entity.Id, entity.Number, entity.Status);
        }
        catch (Exception ex) when (ex is SqliteException or DbUpdateException)
        {
            return SignOutcome.Failed;
        }
    }

    /// <summary>The same first email as <see cref="SignerEmails.Added"/> writes, as an entity for EF Core.</summary>
    private OutboxMessage FirstEmailRow(NewSignature signature, long signatureId, long? number, string token, DateTimeOffset now)
    {
        var (kind, data) = emails.FirstEmail(signature, number, token);
        return new OutboxMessage
        {
            MessageKey = Guid.CreateVersion7(),
            Kind = kind,
            Reference = SignerEmails.Reference(signatureId),
            ToAddress = signature.Email.Trim(),
            ToName = SignerEmails.ToName(signature.Type, signature.Name),
            Subject = templates.SubjectOf(kind),
            TemplateData = data,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}
