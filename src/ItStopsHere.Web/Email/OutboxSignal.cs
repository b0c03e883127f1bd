using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ItStopsHere.Web.Email;

/// <summary>
/// Wakes the <see cref="OutboxSender"/> when a message has been committed, so it does not wait for its
/// next poll. Many signals before the sender looks collapse into one wake-up.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled and not yet consumed: one wake-up covers both.
        }
    }

    /// <summary>Waits for a signal or for <paramref name="timeout"/>; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _pending.WaitAsync(timeout <= TimeSpan.Zero ? TimeSpan.Zero : Min(timeout, MaxWait), cancellationToken);

    // SemaphoreSlim takes at most int.MaxValue milliseconds.
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

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
