using System.Collections.Concurrent;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// Counts events per key in memory only (a client address is never stored or logged): after
/// <c>allowed</c> events within <c>window</c>, the key must wait until the oldest counted event leaves the
/// window. Used for reports per client per hour, and for wrong access codes per client, per code and site-wide.
/// </summary>
public sealed class AttemptThrottle(TimeProvider clock)
{
    private const int MaxKeys = 100_000;
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _events = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="key"/> must wait before another event is allowed; zero when it may go now.</summary>
    public TimeSpan WaitFor(string key, int allowed, TimeSpan window)
    {
        if (!_events.TryGetValue(key, out var queue))
        {
            return TimeSpan.Zero;
        }

        var now = clock.GetUtcNow();
        lock (queue)
        {
            Trim(queue, now, window);
            return queue.Count < allowed ? TimeSpan.Zero : queue.Peek() + window - now;
        }
    }

    public void Record(string key, TimeSpan window)
    {
        if (_events.Count > MaxKeys)
        {
            Sweep(window);
        }

        var queue = _events.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        var now = clock.GetUtcNow();
        lock (queue)
        {
            Trim(queue, now, window);
            queue.Enqueue(now);
        }
    }

    public void Clear(string key) => _events.TryRemove(key, out _);

    private void Sweep(TimeSpan window)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, queue) in _events)
        {
            lock (queue)
            {
                Trim(queue, now, window);
                if (queue.Count == 0)
                {
                    _events.TryRemove(key, out _);
                }
            }
        }
    }

    private static void Trim(Queue<DateTimeOffset> queue, DateTimeOffset now, TimeSpan window)
    {
        while (queue.Count > 0 && queue.Peek() + window <= now)
        {
            queue.Dequeue();
        }
    }
}
