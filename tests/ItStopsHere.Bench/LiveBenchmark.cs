using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace ItStopsHere.Bench;

/// <summary>What the live section measured.</summary>
public sealed record LiveResult(
    int ClientsWanted, int ClientsConnected, int ClientsWithFinalCount, int SignaturesPosted, double SignaturesPerSecond,
    long Deliveries, double P50Ms, double P99Ms, double MaxMs, double ConnectSeconds, long WorkingSetBytes, long PeakWorkingSetBytes);

/// <summary>
/// N Server-Sent Events clients on <c>/pledge/live</c> while signatures arrive at a steady rate through
/// the real form. Each <c>count</c> event carries <c>committedAt</c>, the time the app's feed took the
/// committed change; every client records now − committedAt for each count event it receives (same
/// machine, same clock), so this is the commit-to-client time including the hub's coalescing delay.
/// At the end every client must have seen the final count.
/// </summary>
public static class LiveBenchmark
{
    public static async Task<LiveResult> RunAsync(BenchOptions options, string work)
    {
        var settings = SigningBenchmark.Settings("Batched");
        // Every client here is one address; the per-client cap is for the storm to show (live-storm).
        settings["Pledge:Live:MaxConnectionsPerClient"] = options.LiveClients.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var app = await AppProcess.StartAsync("live", settings, work);
        var peak = 0L;
        try
        {
            using var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = int.MaxValue,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                ConnectTimeout = TimeSpan.FromSeconds(30),
            };
            using var http = new HttpClient(handler) { BaseAddress = app.Root, Timeout = Timeout.InfiniteTimeSpan };
            // As behind the TLS proxy (see PledgeClient): outside Development plain HTTP gets no stream.
            http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            using var stop = new CancellationTokenSource();
            var clients = new List<LiveClient>(options.LiveClients);
            var readers = new List<Task>(options.LiveClients);
            var measuring = new StrongBox();

            var connectClock = Stopwatch.StartNew();
            // Connect in waves, so the listen backlog is not overrun and every client really is open.
            const int wave = 250;
            for (var start = 0; start < options.LiveClients; start += wave)
            {
                var batch = Enumerable.Range(start, Math.Min(wave, options.LiveClients - start)).Select(async _ =>
                {
                    var client = new LiveClient();
                    try
                    {
                        var response = await http.GetAsync("/pledge/live", HttpCompletionOption.ResponseHeadersRead, stop.Token);
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

                peak = Math.Max(peak, app.WorkingSetBytes());
            }

            var connectSeconds = connectClock.Elapsed.TotalSeconds;
            var connected = clients.Count(c => c.Connected);
            Console.WriteLine($"  {connected:N0} of {options.LiveClients:N0} live clients connected in {connectSeconds:0.0} s");

            // Signatures at a steady rate, from a few signers, for the measurement time.
            const double rate = 20;
            var signers = new List<PledgeClient>();
            for (var i = 0; i < 4; i++)
            {
                signers.Add(await PledgeClient.CreateAsync(app.Root, "live" + Guid.NewGuid().ToString("N")[..6]));
            }

            measuring.Value = true;
            var posted = 0;
            var postClock = Stopwatch.StartNew();
            var inFlight = new List<Task<bool>>();
            while (postClock.Elapsed.TotalSeconds < Math.Max(3, options.Seconds * 2))
            {
                inFlight.Add(signers[posted % signers.Count].SignAsync());
                posted++;
                var due = TimeSpan.FromSeconds(posted / rate) - postClock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                peak = Math.Max(peak, app.WorkingSetBytes());
            }

            var acknowledged = (await Task.WhenAll(inFlight)).Count(ok => ok);
            var postSeconds = postClock.Elapsed.TotalSeconds;

            // Wait (bounded) for the final count to reach every client.
            var finalCount = await FinalCountAsync(http);
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(15) && clients.Any(c => c.Connected && c.LastCount < finalCount))
            {
                await Task.Delay(100);
            }

            var withFinal = clients.Count(c => c.LastCount >= finalCount);
            var workingSet = app.WorkingSetBytes();
            peak = Math.Max(peak, workingSet);
            measuring.Value = false;
            await stop.CancelAsync();
            foreach (var signer in signers)
            {
                signer.Dispose();
            }

            await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
            var latencies = clients.SelectMany(c => c.Latencies).Order().ToArray();
            return new LiveResult(options.LiveClients, connected, withFinal, acknowledged, acknowledged / postSeconds, latencies.Length,
                LoadRun.Percentile(latencies, 0.50), LoadRun.Percentile(latencies, 0.99), latencies.Length == 0 ? double.NaN : latencies[^1],
                connectSeconds, workingSet, peak);
        }
        finally
        {
            await app.DisposeAsync();
        }
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

    private sealed class LiveClient
    {
        public bool Connected { get; set; }

        public long LastCount { get; private set; } = -1;

        public List<double> Latencies { get; } = [];

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
                            Latencies.Add((arrived - committed.GetDateTimeOffset()).TotalMilliseconds);
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
