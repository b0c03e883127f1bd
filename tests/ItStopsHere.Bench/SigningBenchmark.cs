using Microsoft.Data.Sqlite;

namespace ItStopsHere.Bench;

/// <summary>
/// The figures for one storage mode on one site: a run per concurrency (with where its CPU went), and the
/// database check afterwards. <see cref="Site"/> is "SQLite" or e.g. "PostgreSQL, 2 instances + nginx".
/// </summary>
public sealed record SigningResult(string Mode, string Site, List<LoadResult> Runs, List<RunCost> Costs, long Acknowledged, long RowsInDatabase, bool? NumbersGapFree, List<double> WarmUpRates)
{
    public bool RowsMatch => (Mode == "Off" ? RowsInDatabase == 0 : RowsInDatabase == Acknowledged) && NumbersGapFree != false;

    /// <summary>The key in the report: the mode for SQLite (as before), else mode and site.</summary>
    public string Key => Site == "SQLite" ? Mode : $"{Mode} ({Site})";
}

/// <summary>
/// Durable signing through the real form POST at each concurrency, for the real (batched) store and the
/// two references, each in its own app process: <c>Naive</c> (one SaveChanges per request) and
/// <c>Off</c> (validation without storage, the ceiling). Afterwards the app is stopped and its SQLite
/// file opened: the rows must equal the signings that were acknowledged, exactly. With <c>--postgres</c>
/// the real store also runs on PostgreSQL (<see cref="BenchSite"/>): one instance, and two behind nginx,
/// each on a fresh database, measured against the same SQLite references; there the published numbers
/// must also be 1..N, each once.
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

    public static async Task<SigningResult> RunAsync(string mode, BenchOptions options, string work) =>
        await RunAsync(mode, options.SigningConcurrency, options,
            () => BenchSite.SqliteAsync("signing-" + mode.ToLowerInvariant(), Settings(mode), work));

    /// <summary>The real store on PostgreSQL: <paramref name="instances"/> instances, behind nginx or not.</summary>
    public static async Task<SigningResult> RunPostgreSqlAsync(PostgresServer server, int instances, bool nginx, BenchOptions options, string work) =>
        await RunAsync("Batched", options.PostgresConcurrency, options,
            () => BenchSite.PostgreSqlAsync(server, $"signing-pg{instances}{(nginx ? "n" : "")}", Settings("Batched"), instances, nginx, work));

    /// <summary>A short label for the table's first column (34 characters at most).</summary>
    public static string RowName(string mode, BenchSite site) => site.IsPostgreSql
        ? $"sign (PG, {site.Instances} inst.{(site.BehindNginx ? " + nginx" : "")})"
        : $"sign ({mode})";

    private static async Task<SigningResult> RunAsync(string mode, int[] concurrencies, BenchOptions options, Func<Task<BenchSite>> start)
    {
        var app = await start();
        try
        {
            var runs = new List<LoadResult>();
            var costs = new List<RunCost>();
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
                    Report.PrintLine($"  {RowName(mode, app)}: warm-up (unmeasured): {gentle.TotalSeconds:0} s at {LoadRun.GentleConcurrency(warmUpConcurrency)} clients {perSecond[0]}/s, "
                        + $"then at {warmUpConcurrency} in 2 s windows: {string.Join(", ", perSecond.Skip(1))} /s");
                }

                foreach (var concurrency in concurrencies)
                {
                    while (clients.Count < concurrency)
                    {
                        clients.Add(await PledgeClient.CreateAsync(app.Root, runId));
                    }

                    // CPU and database counters are read around the measured window exactly.
                    CostReading? before = null, after = null;
                    long ackBefore = 0, ackAfter = 0;
                    var result = await LoadRun.RunAsync(RowName(mode, app), concurrency,
                        TimeSpan.FromSeconds(options.Seconds), TimeSpan.FromSeconds(options.WarmUpSeconds), signer,
                        atStart: async () => { ackBefore = Interlocked.Read(ref acknowledged); before = await app.ReadAsync(); },
                        atEnd: async () => { ackAfter = Interlocked.Read(ref acknowledged); after = await app.ReadAsync(); });
                    runs.Add(result);
                    Report.PrintRow(result);
                    if (before is not null && after is not null)
                    {
                        costs.Add(RunCost.From(concurrency, ackAfter - ackBefore, before, after));
                    }
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
            var (rows, gapFree) = await app.CheckAsync();
            return new SigningResult(mode, app.Name, runs, costs, acknowledged, rows, gapFree, warmUp);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    public static long CountSqliteRows(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Signatures\"";
        return (long)command.ExecuteScalar()!;
    }
}
