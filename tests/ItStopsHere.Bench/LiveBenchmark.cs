using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace ItStopsHere.Bench;

/// <summary>The commit-to-client figures of the watchers on one instance.</summary>
public sealed record InstanceLatency(int Instance, int Clients, long Deliveries, double P50Ms, double P99Ms, double MaxMs);

/// <summary>What the live section measured (<see cref="Site"/>: "SQLite" or "PostgreSQL, 2 instances").</summary>
public sealed record LiveResult(
    int ClientsWanted, int ClientsConnected, int ClientsWithFinalCount, int SignaturesPosted, double SignaturesPerSecond,
    long Deliveries, double P50Ms, double P99Ms, double MaxMs, double ConnectSeconds, long WorkingSetBytes, long PeakWorkingSetBytes)
{
    public string Site { get; init; } = "SQLite";

    /// <summary>Where the signings went: "the instance", "instance 1" or "both instances".</summary>
    public string SigningOn { get; init; } = "the instance";

    /// <summary>How the commit time was taken (see <see cref="LiveBenchmark"/>).</summary>
    public string Measure { get; init; } = "committedAt";

    public IReadOnlyList<InstanceLatency> PerInstance { get; init; } = [];
}

/// <summary>
/// N Server-Sent Events clients on <c>/pledge/live</c> while signatures arrive at a steady rate through
/// the real form. Each <c>count</c> event carries <c>committedAt</c>, the time the app's feed took the
/// committed change; every client records now − committedAt for each count event it receives (same
/// machine, same clock), so this is the commit-to-client time including the hub's coalescing delay.
/// At the end every client must have seen the final count.
/// With two instances on PostgreSQL the watchers are spread over both (connected to each directly) and
/// the signings go to one of them or to both in turn. An instance's <c>committedAt</c> is when its own
/// feed took the change, which on the other instance is after the notification arrived; so there the
/// commit time of count C is taken as the earliest of (a) the time the benchmark received its C-th
/// acknowledgement (C signings acknowledged means C committed) and (b) the earliest <c>committedAt</c>
/// of any event, on either instance, with a count of C or more. Both are no earlier than the commit, so
/// the figure is commit-to-client measured from the commit, never flattered by the notification's delay
/// (if anything it is low by the few milliseconds between a commit and its acknowledgement).
/// </summary>
public static class LiveBenchmark
{
    public static async Task<LiveResult> RunAsync(BenchOptions options, string work)
    {
        await using var site = await BenchSite.SqliteAsync("live", Settings(options), work);
        return await RunAsync(options, site, [site.Root], crossInstance: false);
    }

    /// <summary>Two instances on a fresh PostgreSQL database; signings on the first (<paramref name="both"/> false) or on both.</summary>
    public static async Task<LiveResult> RunPostgreSqlAsync(PostgresServer server, bool both, BenchOptions options, string work)
    {
        await using var site = await BenchSite.PostgreSqlAsync(server, "live-pg", Settings(options), 2, nginx: false, work);
        var result = await RunAsync(options, site, both ? site.InstanceRoots : [site.InstanceRoots[0]], crossInstance: true);
        return result with { SigningOn = both ? "both instances" : "instance 1" };
    }

    private static Dictionary<string, string> Settings(BenchOptions options)
    {
        var settings = SigningBenchmark.Settings("Batched");
        // Every client here is one address; the per-client cap is for the storm to show (live-storm).
        settings["Pledge:Live:MaxConnectionsPerClient"] = options.LiveClients.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    private static async Task<LiveResult> RunAsync(BenchOptions options, BenchSite site, IReadOnlyList<Uri> signerRoots, bool crossInstance)
    {
        var roots = site.InstanceRoots;
        long WorkingSet() => site.Apps.Sum(a => a.WorkingSetBytes());
        var peak = 0L;
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        var https = roots.Select(root =>
        {
            var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = root, Timeout = Timeout.InfiniteTimeSpan };
            // As behind the TLS proxy (see PledgeClient): outside Development plain HTTP gets no stream.
            http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            return http;
        }).ToList();
        try
        {
            using var stop = new CancellationTokenSource();
            var clients = new List<LiveClient>(options.LiveClients);
            var readers = new List<Task>(options.LiveClients);
            var measuring = new StrongBox();

            var connectClock = Stopwatch.StartNew();
            // Connect in waves, so the listen backlog is not overrun and every client really is open.
            const int wave = 250;
            for (var start = 0; start < options.LiveClients; start += wave)
            {
                var batch = Enumerable.Range(start, Math.Min(wave, options.LiveClients - start)).Select(async i =>
                {
                    var client = new LiveClient(i % roots.Count);
                    try
                    {
                        var response = await https[client.Instance].GetAsync("/pledge/live", HttpCompletionOption.ResponseHeadersRead, stop.Token);
                        response.EnsureSuccessStatusCode();
                        client.Connected = true;
                        return (client, task: client.ReadAsync(response, measuring, stop.Token));
                    }
                    catch (HttpRequestException)
                    {
                        return (client, task: Task.CompletedTask);
                    }
                });
                foreach (var (client, task) in await Task.WhenAll(batch))
                {
                    clients.Add(client);
                    readers.Add(task);
                }

                peak = Math.Max(peak, WorkingSet());
            }

            var connectSeconds = connectClock.Elapsed.TotalSeconds;
            var connected = clients.Count(c => c.Connected);
            Console.WriteLine($"  {site.Name}: {connected:N0} of {options.LiveClients:N0} live clients connected in {connectSeconds:0.0} s"
                + (roots.Count > 1 ? $", spread over {roots.Count} instances" : ""));

            // Signatures at a steady rate, from a few signers (spread over the signing instances), for the measurement time.
            const double rate = 20;
            var signers = new List<PledgeClient>();
            for (var i = 0; i < 4; i++)
            {
                signers.Add(await PledgeClient.CreateAsync(signerRoots[i % signerRoots.Count], "live" + Guid.NewGuid().ToString("N")[..6]));
            }

            var countAtStart = await FinalCountAsync(https[0]);
            var acknowledgedAt = new List<DateTimeOffset>();
            measuring.Value = true;
            var posted = 0;
            var postClock = Stopwatch.StartNew();
            var inFlight = new List<Task<bool>>();
            while (postClock.Elapsed.TotalSeconds < Math.Max(3, options.Seconds * 2))
            {
                var signer = signers[posted % signers.Count];
                inFlight.Add(Task.Run(async () =>
                {
                    var ok = await signer.SignAsync();
                    if (ok)
                    {
                        var now = DateTimeOffset.UtcNow;
                        lock (acknowledgedAt)
                        {
                            acknowledgedAt.Add(now);
                        }
                    }

                    return ok;
                }));
                posted++;
                var due = TimeSpan.FromSeconds(posted / rate) - postClock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                peak = Math.Max(peak, WorkingSet());
            }

            var acknowledged = (await Task.WhenAll(inFlight)).Count(ok => ok);
            var postSeconds = postClock.Elapsed.TotalSeconds;

            // Wait (bounded) for the final count to reach every client, on every instance.
            var finalCount = 0L;
            foreach (var http in https)
            {
                finalCount = Math.Max(finalCount, await FinalCountAsync(http));
            }

            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(15) && clients.Any(c => c.Connected && c.LastCount < finalCount))
            {
                await Task.Delay(100);
            }

            var withFinal = clients.Count(c => c.LastCount >= finalCount);
            var workingSet = WorkingSet();
            peak = Math.Max(peak, workingSet);
            measuring.Value = false;
            await stop.CancelAsync();
            foreach (var signer in signers)
            {
                signer.Dispose();
            }

            await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
            Func<Delivery, double> latency = d => (d.Arrived - d.CommittedAt).TotalMilliseconds;
            if (crossInstance)
            {
                var commitOf = CommitTimes(clients.SelectMany(c => c.Deliveries), acknowledgedAt.Order().ToList(), countAtStart);
                latency = d => (d.Arrived - (commitOf.TryGetValue(d.Count, out var at) ? at : d.CommittedAt)).TotalMilliseconds;
            }

            var latencies = clients.SelectMany(c => c.Deliveries).Select(latency).Order().ToArray();
            var perInstance = Enumerable.Range(0, roots.Count).Select(i =>
            {
                var mine = clients.Where(c => c.Instance == i).SelectMany(c => c.Deliveries).Select(latency).Order().ToArray();
                return new InstanceLatency(i + 1, clients.Count(c => c.Instance == i && c.Connected), mine.Length,
                    LoadRun.Percentile(mine, 0.50), LoadRun.Percentile(mine, 0.99), mine.Length == 0 ? double.NaN : mine[^1]);
            }).ToList();
            return new LiveResult(options.LiveClients, connected, withFinal, acknowledged, acknowledged / postSeconds, latencies.Length,
                LoadRun.Percentile(latencies, 0.50), LoadRun.Percentile(latencies, 0.99), latencies.Length == 0 ? double.NaN : latencies[^1],
                connectSeconds, workingSet, peak)
            {
                Site = roots.Count > 1 ? $"{site.Name.Split(',')[0]}, {roots.Count} instances" : site.Name,
                Measure = crossInstance ? "first commit (acknowledgement or any instance's committedAt)" : "committedAt",
                PerInstance = perInstance,
            };
        }
        finally
        {
            foreach (var http in https)
            {
                http.Dispose();
            }
        }
    }

    /// <summary>
    /// For each count seen, the earliest time it is known to have been committed: the C-th acknowledgement
    /// (counted from <paramref name="countAtStart"/>), or the earliest committedAt of an event with that
    /// count or more, on any instance.
    /// </summary>
    private static Dictionary<long, DateTimeOffset> CommitTimes(IEnumerable<Delivery> deliveries, List<DateTimeOffset> acknowledgements, long countAtStart)
    {
        var earliest = new SortedDictionary<long, DateTimeOffset>();
        foreach (var d in deliveries)
        {
            earliest[d.Count] = earliest.TryGetValue(d.Count, out var at) && at <= d.CommittedAt ? at : d.CommittedAt;
        }

        var result = new Dictionary<long, DateTimeOffset>();
        var running = DateTimeOffset.MaxValue;
        foreach (var (count, at) in earliest.Reverse())
        {
            running = at < running ? at : running;
            var ackIndex = count - countAtStart - 1;
            var best = ackIndex >= 0 && ackIndex < acknowledgements.Count && acknowledgements[(int)ackIndex] < running ? acknowledgements[(int)ackIndex] : running;
            result[count] = best;
        }

        return result;
    }

    private static async Task<long> FinalCountAsync(HttpClient http)
    {
        using var stats = JsonDocument.Parse(await http.GetStringAsync("/pledge/stats"));
        return stats.RootElement.GetProperty("count").GetInt64();
    }

    private sealed class StrongBox
    {
        private volatile bool _value;

        public bool Value { get => _value; set => _value = value; }
    }

    private sealed record Delivery(long Count, DateTimeOffset Arrived, DateTimeOffset CommittedAt);

    private sealed class LiveClient(int instance)
    {
        public int Instance { get; } = instance;

        public bool Connected { get; set; }

        public long LastCount { get; private set; } = -1;

        public List<Delivery> Deliveries { get; } = [];

        public async Task ReadAsync(HttpResponseMessage response, StrongBox measuring, CancellationToken cancellationToken)
        {
            using (response)
            {
                try
                {
                    await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                    await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
                    {
                        if (item.EventType != "count")
                        {
                            continue;
                        }

                        var arrived = DateTimeOffset.UtcNow;
                        using var json = JsonDocument.Parse(item.Data);
                        LastCount = json.RootElement.GetProperty("count").GetInt64();
                        if (measuring.Value && json.RootElement.TryGetProperty("committedAt", out var committed))
                        {
                            Deliveries.Add(new Delivery(LastCount, arrived, committed.GetDateTimeOffset()));
                        }
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
                {
                    // Stopped, or the server ended the stream.
                }
            }
        }
    }
}
