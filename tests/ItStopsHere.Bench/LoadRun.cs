using System.Diagnostics;

namespace ItStopsHere.Bench;

/// <summary>The figures of one closed-loop run: how many requests, how fast, how long each took.</summary>
public sealed record LoadResult(string Name, int Concurrency, long Succeeded, long Failed, double Seconds, double P50Ms, double P99Ms, double MaxMs)
{
    public double PerSecond => Succeeded / Seconds;
}

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers each send one request, wait for its answer, and send
/// the next, for a fixed time. Latency is measured per request from send to full response.
/// <c>atStart</c> and <c>atEnd</c>, if given, run just before and just after the measured window (the
/// signing runs read CPU and database counters there).
/// </summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(
        string name, int concurrency, TimeSpan duration, TimeSpan warmUp,
        Func<int, Task<Func<CancellationToken, Task<bool>>>> createWorker,
        Func<Task>? atStart = null, Func<Task>? atEnd = null)
    {
        var workers = new Func<CancellationToken, Task<bool>>[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            workers[i] = await createWorker(i);
        }

        var latencies = new List<double>[concurrency];
        var failures = new long[concurrency];
        var measuring = false;
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var measureStart = TimeSpan.Zero;

        var tasks = Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            var mine = latencies[i] = new List<double>(4096);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await workers[i](stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                if (!Volatile.Read(ref measuring))
                {
                    continue;
                }

                if (ok)
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    failures[i]++;
                }
            }
        })).ToArray();

        await Task.Delay(warmUp);
        if (atStart is not null)
        {
            await atStart();
        }

        measureStart = clock.Elapsed;
        Volatile.Write(ref measuring, true);
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var seconds = (clock.Elapsed - measureStart).TotalSeconds;
        if (atEnd is not null)
        {
            await atEnd();
        }
        await stop.CancelAsync();
        await Task.WhenAll(tasks);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, concurrency, all.Length, failures.Sum(), seconds,
            Percentile(all, 0.50), Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1]);
    }

    /// <summary>
    /// Drives the app, unmeasured, until it reaches its steady state: .NET compiles hot code again,
    /// optimised, in the background (tiered compilation), and until that is done a request costs two to
    /// three times as much. For this app that is some 38,000 method bodies (counted in the runtime's perf
    /// map), and on two cores kept busy by 64 clients the background compiler took about 40 s to get
    /// through them. So the warm-up starts gently, <paramref name="gentle"/> at 4 clients, which leaves
    /// the compiler a core; then runs windows of <paramref name="window"/> at
    /// <paramref name="concurrency"/> until four in a row bring no new best (by more than 5%) and at
    /// least <paramref name="least"/> has passed in all, or until <paramref name="most"/>. A fixed few
    /// seconds would favour whichever storage mode has less code to compile (the real one also sends
    /// email). Returns the gentle rate, then the rate of each window, for the report.
    /// </summary>
    public static async Task<List<double>> WarmUpAsync(
        int concurrency, TimeSpan gentle, TimeSpan window, TimeSpan least, TimeSpan most,
        Func<int, Task<Func<CancellationToken, Task<bool>>>> createWorker)
    {
        var clock = Stopwatch.StartNew();
        var first = await RunAsync("warm-up", GentleConcurrency(concurrency), gentle, TimeSpan.Zero, createWorker);
        var rates = new List<double> { first.PerSecond };
        var windows = new List<double>();
        while (clock.Elapsed < most)
        {
            var run = await RunAsync("warm-up", concurrency, window, TimeSpan.Zero, createWorker);
            windows.Add(run.PerSecond);
            if (clock.Elapsed >= least && Settled(windows))
            {
                break;
            }
        }

        rates.AddRange(windows);
        return rates;
    }

    /// <summary>Clients in the warm-up's gentle start: few enough to leave the compiler a core.</summary>
    public static int GentleConcurrency(int concurrency) => Math.Min(4, concurrency);

    // Settled: the best of the last four windows is no more than 5% above the best before them.
    private static bool Settled(List<double> rates) =>
        rates.Count >= 6 && rates.TakeLast(4).Max() <= 1.05 * rates.SkipLast(4).Max();

    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
