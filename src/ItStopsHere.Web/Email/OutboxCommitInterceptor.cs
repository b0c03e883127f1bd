using System.Data.Common;
using System.Runtime.CompilerServices;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ItStopsHere.Web.Email;

/// <summary>
/// Signals the outbox after a save that added messages has been committed: straight after
/// <c>SaveChanges</c> when no transaction is open, or when the caller's transaction commits. Signalling
/// earlier would wake the sender before it can see the rows.
/// </summary>
public sealed class OutboxCommitInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Contexts whose open transaction holds outbox rows not yet committed. Weak, so a context that is
    // disposed with its transaction rolled back leaves nothing behind.
    private readonly ConditionalWeakTable<DbContext, object> _waitingForCommit = [];

    private static readonly object Marker = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => AfterCommit(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AfterCommit(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Remember(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _waitingForCommit.AddOrUpdate(context, Marker);
        }
    }

    private void AfterSave(DbContext? context)
    {
        // With no transaction of the caller's own, SaveChanges has committed already.
        if (context is not null && context.Database.CurrentTransaction is null && _waitingForCommit.Remove(context))
        {
            signal.Notify();
        }
    }

    private void AfterCommit(DbContext? context)
    {
        if (context is not null && _waitingForCommit.Remove(context))
        {
            signal.Notify();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _waitingForCommit.Remove(context);
        }
    }
}
