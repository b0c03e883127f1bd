namespace ItStopsHere.Web.Data;

/// <summary>
/// Whose turn it is to write to the SQLite file, among this process's background writers (the
/// <see cref="Pledge.SignatureWriter"/> and the <see cref="Email.OutboxSender"/>). SQLite allows one
/// writer at a time, and a connection that finds the lock taken waits in SQLite's busy handler, which
/// sleeps on the calling thread: under a signing surge the writer takes the lock again the moment it
/// commits, so the outbox sender could wait there for seconds, holding one of the two thread-pool
/// threads a two-core server starts with, and every request slowed down. Waiting here instead is
/// asynchronous and first come, first served: no thread is held, and the sender gets its turn between
/// two signing batches. (Pages that write through EF Core still meet the lock directly; they are few.)
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for this process's turn to write; dispose the result to pass it on.</summary>
    public async Task<Turn> EnterAsync(CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(_turn);
    }

    public readonly struct Turn(SemaphoreSlim turn) : IDisposable
    {
        public void Dispose() => turn.Release();
    }
}
