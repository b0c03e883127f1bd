using ItStopsHere.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pledge;

/// <summary>
/// Benchmark reference only (<c>Pledge:Benchmark:StorageMode=Naive</c>, refused in Production): the
/// way a form is usually saved, one EF Core transaction and <c>SaveChanges</c> per request, so the
/// benchmark can show what group commit buys. It keeps the numbering and the feed correct.
/// </summary>
public sealed class SingleCommitSignatureStore(IServiceScopeFactory scopes, PledgeFeed feed, TimeProvider clock) : ISignatureStore
{
    public async Task<SignOutcome> AddAsync(NewSignature signature, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            if (await db.Signatures.AnyAsync(s => s.NormalizedEmail == signature.NormalizedEmail, CancellationToken.None))
            {
                return SignOutcome.Duplicate;
            }

            var state = await db.PledgeStates.SingleAsync(s => s.Id == PledgeState.SingletonId, CancellationToken.None);
            var publish = signature.InitialStatus == SignatureStatus.Published;
            var entity = new Signature
            {
                Status = signature.InitialStatus,
                SignatoryType = signature.Type,
                Name = signature.Name,
                Affiliation = signature.Affiliation,
                Detail = signature.Detail,
                Email = signature.Email,
                NormalizedEmail = signature.NormalizedEmail,
                Actions = signature.Actions,
                NameDisplay = signature.NameDisplay,
                ClientHash = signature.ClientHash,
                SignedAt = signature.SignedAt,
            };
            if (publish)
            {
                entity.Number = ++state.LastNumber;
                entity.PublishedAt = clock.GetUtcNow();
            }

            db.Signatures.Add(entity);
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            if (entity.Number is { } number)
            {
                feed.Apply([new FeedChange(true, signature.ToFacts(number))], number);
            }

            return new SignOutcome(SignOutcomeKind.Added, entity.Id, entity.Number, entity.Status);
        }
        catch (Exception ex) when (ex is SqliteException or DbUpdateException)
        {
            return SignOutcome.Failed;
        }
    }
}

/// <summary>
/// Benchmark reference only (<c>Pledge:Benchmark:StorageMode=Off</c>, refused in Production): the whole
/// signing request, validation included, with storage switched off. The benchmark's ceiling.
/// </summary>
public sealed class DiscardingSignatureStore : ISignatureStore
{
    private long _number;

    public Task<SignOutcome> AddAsync(NewSignature signature, CancellationToken cancellationToken) =>
        Task.FromResult(new SignOutcome(SignOutcomeKind.Added, null, Interlocked.Increment(ref _number), signature.InitialStatus));
}
