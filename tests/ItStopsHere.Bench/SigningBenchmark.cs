using Microsoft.Data.Sqlite;

namespace ItStopsHere.Bench;

/// <summary>The figures for one storage mode: a run per concurrency, and the database check afterwards.</summary>
public sealed record SigningResult(string Mode, List<LoadResult> Runs, long Acknowledged, long RowsInDatabase, List<double> WarmUpRates)
{
    public bool RowsMatch => Mode == "Off" ? RowsInDatabase == 0 : RowsInDatabase == Acknowledged;
}

/// <summary>
/// Durable signing through the real form POST at each concurrency, for the real (batched) store and the
/// two references, each in its own app process: <c>Naive</c> (one SaveChanges per request) and
/// <c>Off</c> (validation without storage, the ceiling). Afterwards the app is stopped and its SQLite
/// file opened: the rows must equal the signings that were acknowledged, exactly.
/// </summary>
public static class SigningBenchmark
{
    public static readonly string[] Modes = ["Batched", "Naive", "Off"];

    public static Dictionary<string, string> Settings(string mode) => new()
    {
        ["Pledge:Benchmark:StorageMode"] = mode,
        ["Pledge:MinimumFillTime"] = "00:00:00",
        ["Pledge:RateLimit:Burst"] = "10000000",
        // Every virtual browser shares one address: the auto-hold rule for bursts would hold their signatures.
        ["Pledge:Moderation:BurstLimit"] = "100000000",
        ["Pledge:RateLimit:PerMinute"] = "10000000",
        ["Pledge:RateLimit:PerHour"] = "100000000",
        // As behind a TLS-terminating proxy on the same host: X-Forwarded-Proto from loopback is believed.
        ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
    };

    public static async Task<SigningResult> RunAsync(string mode, BenchOptions options, string work)
    {
        var app = await AppProcess.StartAsync("signing-" + mode.ToLowerInvariant(), Settings(mode), work);
        try
        {
            var runs = new List<LoadResult>();
            List<double> warmUp = [];
            long acknowledged = 0;
            var runId = Guid.NewGuid().ToString("N")[..8];
            var clients = new List<PledgeClient>();
            Func<int, Task<Func<CancellationToken, Task<bool>>>> signer = i => Task.FromResult<Func<CancellationToken, Task<bool>>>(async _ =>
            {
                var ok = await clients[i].SignAsync();
                if (ok)
                {
                    Interlocked.Increment(ref acknowledged);
                }

                return ok;
            });
            try
            {
                if (options.AppWarmUpSeconds > 0)
                {
                    var warmUpConcurrency = Math.Min(64, options.SigningConcurrency.Max());
                    while (clients.Count < warmUpConcurrency)
                    {
                        clients.Add(await PledgeClient.CreateAsync(app.Root, runId));
                    }

                    var most = TimeSpan.FromSeconds(options.AppWarmUpSeconds);
                    var gentle = most / 6;
                    var rates = await LoadRun.WarmUpAsync(warmUpConcurrency, gentle, window: TimeSpan.FromSeconds(2),
                        least: most / 2, most: most, signer);
                    warmUp = rates;
                    var perSecond = rates.Select(r => r.ToString("0", System.Globalization.CultureInfo.InvariantCulture)).ToList();
                    Report.PrintLine($"  {mode}: warm-up (unmeasured): {gentle.TotalSeconds:0} s at {LoadRun.GentleConcurrency(warmUpConcurrency)} clients {perSecond[0]}/s, "
                        + $"then at {warmUpConcurrency} in 2 s windows: {string.Join(", ", perSecond.Skip(1))} /s");
                }

                foreach (var concurrency in options.SigningConcurrency)
                {
                    while (clients.Count < concurrency)
                    {
                        clients.Add(await PledgeClient.CreateAsync(app.Root, runId));
                    }

                    var result = await LoadRun.RunAsync($"sign ({mode})", concurrency,
                        TimeSpan.FromSeconds(options.Seconds), TimeSpan.FromSeconds(options.WarmUpSeconds), signer);
                    runs.Add(result);
                    Report.PrintRow(result);
                }
            }
            finally
            {
                foreach (var client in clients)
                {
                    client.Dispose();
                }
            }

            await app.StopAsync();
            var rows = CountRows(app.DatabasePath);
            return new SigningResult(mode, runs, acknowledged, rows, warmUp);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static long CountRows(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Signatures\"";
        return (long)command.ExecuteScalar()!;
    }
}
