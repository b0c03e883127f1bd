using ItStopsHere.Web.Email;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// Whether signings are queueing for the database right now. The signature store reports how many it
/// is handling at once (the writer: each batch it commits); when that reaches <see cref="Threshold"/>,
/// people are arriving much faster than one commit at a time, and for the next second the outbox sender
/// gives way (see <see cref="OutboxOptions.PauseWhileBusy"/>). At an ordinary pace (even the few dozen a
/// second of a story going viral) batches are of one or two and email goes out at once.
/// </summary>
public sealed class SigningLoad : ISiteLoad
{
    /// <summary>Signings handled together that count as a queue.</summary>
    public const int Threshold = 8;

    private static readonly long HoldMilliseconds = 1000;

    private long _busyUntil;

    public bool PeopleWaiting => Environment.TickCount64 < Volatile.Read(ref _busyUntil);

    /// <summary>The store is handling <paramref name="signings"/> at once.</summary>
    public void Report(int signings)
    {
        if (signings >= Threshold)
        {
            Volatile.Write(ref _busyUntil, Environment.TickCount64 + HoldMilliseconds);
        }
    }
}
