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
