using System.Runtime.InteropServices;
using ItStopsHere.Bench;

// The benchmark of the real app: starts it as its own process on loopback with a fresh database,
// drives it over HTTP and reports figures and ratios measured in the same run, so that they hold
// on a noisy 2-core machine. Run in Release: dotnet run -c Release --project tests/ItStopsHere.Bench
var options = BenchOptions.Parse(args);
if (!options.TieredCompilation)
{
    // Settings reach the app as environment variables, so a runtime switch can ride along.
    AppProcess.ExtraEnvironment["DOTNET_TieredCompilation"] = "0";
}
var work = Path.Combine(Path.GetTempPath(), "itstopshere-bench");
Directory.CreateDirectory(work);

// Each live client is a socket on both sides; the app inherits this process's limit.
var openFiles = Native.RaiseOpenFileLimit((ulong)Math.Max(options.LiveClients * 2, options.StormConnections) + 4096);
var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

Console.WriteLine($"It Stops Here benchmark: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"Load average at start: {load}; open-file limit {openFiles}");
Console.WriteLine($"{options.Seconds:0.#} s per measurement after {options.WarmUpSeconds:0.#} s warm-up"
    + (options.TieredCompilation ? "" : "; apps run with DOTNET_TieredCompilation=0 (fully optimised code from the first call)"));

var document = new Dictionary<string, object>
{
    ["machine"] = new { cores = Environment.ProcessorCount, os = RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString(), loadAverageAtStart = load },
    ["startedAt"] = DateTimeOffset.UtcNow,
    ["secondsPerMeasurement"] = options.Seconds,
    ["tieredCompilation"] = options.TieredCompilation,
};
var summary = new List<(string Measure, string Figure, string Target, bool? Met)>();

// PostgreSQL (issue 14, --postgres): one server for the whole run, a fresh database for each site.
await using var postgres = options.Postgres && options.Sections.Any(s => s is "signing" or "live") ? await PostgresServer.StartAsync() : null;
if (postgres is not null)
{
    Console.WriteLine($"PostgreSQL: {postgres.Version.Split(" on ")[0]}, {postgres.Origin}; a fresh database for each site");
    document["postgreSql"] = new { version = postgres.Version, origin = postgres.Origin };
}

if (options.Sections.Contains("signing"))
{
    Report.PrintHeader("Durable signing (real form POST; each mode in its own app process)");
    var signing = new Dictionary<string, SigningResult>();
    foreach (var mode in SigningBenchmark.Modes.Where(m => options.SigningModes.Contains(m, StringComparer.OrdinalIgnoreCase)))
    {
        var result = await SigningBenchmark.RunAsync(mode, options, work);
        signing[mode] = result;
        Report.PrintLine($"  {mode}: {result.Acknowledged:N0} signings acknowledged, {result.RowsInDatabase:N0} rows in the database after stopping: {(result.RowsMatch ? "exact" : "MISMATCH")}");
    }

    if (postgres is not null)
    {
        foreach (var setup in options.PostgresSetups)
        {
            var (instances, nginx) = BenchOptions.ParseSetup(setup);
            var result = await SigningBenchmark.RunPostgreSqlAsync(postgres, instances, nginx, options, work);
            signing[result.Key] = result;
            Report.PrintLine($"  {result.Site}: {result.Acknowledged:N0} signings acknowledged, {result.RowsInDatabase:N0} rows after stopping, "
                + $"numbers 1..N each once: {(result.NumbersGapFree == true ? "yes" : "NO")}: {(result.RowsMatch ? "exact" : "MISMATCH")}");
        }
    }

    Report.PrintCosts(signing.Values);
    var ratios = Report.PrintRatios(signing.Values, signing.GetValueOrDefault("Naive"), signing.GetValueOrDefault("Off"));
    if (ratios.Count > 0)
    {
        document["signingRatiosByConcurrency"] = ratios;
    }

    document["signing"] = signing.Values;
    var top = options.SigningConcurrency.Max();
    var batched = signing.GetValueOrDefault("Batched")?.Runs.Single(r => r.Concurrency == top);
    var naive = signing.GetValueOrDefault("Naive")?.Runs.Single(r => r.Concurrency == top);
    var ceiling = signing.GetValueOrDefault("Off")?.Runs.Single(r => r.Concurrency == top);
    if (batched is not null && naive is { PerSecond: > 0 } && ceiling is { PerSecond: > 0 })
    {
        var ofCeiling = batched.PerSecond / ceiling.PerSecond;
        var overNaive = batched.PerSecond / naive.PerSecond;
        document["signingRatios"] = new { concurrency = top, ofCeiling, overNaive, p99Ms = batched.P99Ms };
        summary.Add(($"signing at {top}: share of ceiling", $"{ofCeiling:P0}", ">= 80%", ofCeiling >= 0.8));
        summary.Add(($"signing at {top}: times naive", $"{overNaive:0.0}x", ">= 5x", overNaive >= 5));
    }

    if (batched is not null)
    {
        summary.Add(($"signing at {top}: p99", $"{batched.P99Ms:0} ms", "<= 100 ms", batched.P99Ms <= 100));
    }

    foreach (var pg in signing.Values.Where(s => s.Site != "SQLite"))
    {
        var pgTop = pg.Runs.MaxBy(r => r.Concurrency)!;
        var pgNaive = signing.GetValueOrDefault("Naive")?.Runs.SingleOrDefault(r => r.Concurrency == pgTop.Concurrency);
        var pgCeiling = signing.GetValueOrDefault("Off")?.Runs.SingleOrDefault(r => r.Concurrency == pgTop.Concurrency);
        var label = pg.Site.Replace("PostgreSQL", "PG", StringComparison.Ordinal);
        summary.Add(($"{label} at {pgTop.Concurrency}: per s, p99", $"{pgTop.PerSecond:0}/s, {pgTop.P99Ms:0} ms", "-", null));
        if (pgCeiling is { PerSecond: > 0 } && pgNaive is { PerSecond: > 0 })
        {
            summary.Add(($"{label} at {pgTop.Concurrency}: of ceiling, x naive", $"{pgTop.PerSecond / pgCeiling.PerSecond:P0}, {pgTop.PerSecond / pgNaive.PerSecond:0.0}x", "(SQLite refs)", null));
        }
    }

    summary.Add(("signing: rows = acknowledged", string.Join(", ", signing.Values.Select(s => $"{(s.Site == "SQLite" ? s.Mode : s.Site.Replace("PostgreSQL, ", "PG ", StringComparison.Ordinal))} {s.RowsInDatabase:N0}/{(s.Mode == "Off" ? 0 : s.Acknowledged):N0}")), "exact", signing.Values.All(s => s.RowsMatch)));
}

if (options.Sections.Contains("pages"))
{
    await using var app = await AppProcess.StartAsync("pages", new Dictionary<string, string> { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" }, work);
    Report.PrintHeader("Pages");
    var pages = await PagesBenchmark.RunAsync(app, options);
    document["pages"] = pages;
    var home = pages.FirstOrDefault(p => p.Name == "GET /");
    var file = pages.FirstOrDefault(p => p.Name == "GET /css/site.css");
    if (home is not null && file is not null)
    {
        var ratio = home.PerSecond / file.PerSecond;
        document["homeToStaticRatio"] = ratio;
        summary.Add(("home page: share of static-file rate", $"{ratio:P0}", ">= 50%", ratio >= 0.5));
    }
}

if (options.Sections.Contains("live"))
{
    Report.PrintHeader($"Live: {options.LiveClients:N0} SSE clients on /pledge/live");
    var live = await LiveBenchmark.RunAsync(options, work);
    document["live"] = live;
    Report.PrintLine($"  {live.ClientsConnected:N0} connected in {live.ConnectSeconds:0.0} s; {live.SignaturesPosted:N0} signatures at {live.SignaturesPerSecond:0.0}/s; " +
        $"{live.Deliveries:N0} count events measured; {live.ClientsWithFinalCount:N0} clients saw the final count");
    Report.PrintLine($"  commit to client: p50 {live.P50Ms:0} ms, p99 {live.P99Ms:0} ms, max {live.MaxMs:0} ms; working set {live.WorkingSetBytes / 1048576.0:0} MB (peak {live.PeakWorkingSetBytes / 1048576.0:0} MB)");
    summary.Add(($"live {live.ClientsWanted:N0} clients: all reached", $"{live.ClientsWithFinalCount:N0}", $"{live.ClientsWanted:N0}", live.ClientsWithFinalCount == live.ClientsWanted));
    summary.Add(($"live {live.ClientsWanted:N0} clients: commit-to-client p50/p99", $"{live.P50Ms:0}/{live.P99Ms:0} ms", "p99 <= 1000 ms", live.P99Ms <= 1000));
    summary.Add(($"live {live.ClientsWanted:N0} clients: server working set", $"{live.PeakWorkingSetBytes / 1048576.0:0} MB", "<= 1024 MB", live.PeakWorkingSetBytes <= 1L << 30));

    if (postgres is not null)
    {
        var pgLive = new List<LiveResult>();
        foreach (var on in options.PostgresLive)
        {
            var both = on.Equals("both", StringComparison.OrdinalIgnoreCase);
            var result = await LiveBenchmark.RunPostgreSqlAsync(postgres, both, options, work);
            pgLive.Add(result);
            Report.PrintLine($"  {result.Site}, signing on {result.SigningOn}: {result.ClientsConnected:N0} connected; {result.SignaturesPosted:N0} signatures at {result.SignaturesPerSecond:0.0}/s; "
                + $"{result.Deliveries:N0} count events; {result.ClientsWithFinalCount:N0} clients saw the final count");
            Report.PrintLine($"  commit to client (from the commit): p50 {result.P50Ms:0} ms, p99 {result.P99Ms:0} ms, max {result.MaxMs:0} ms; "
                + string.Join("; ", result.PerInstance.Select(i => $"watchers on instance {i.Instance}: p50 {i.P50Ms:0}, p99 {i.P99Ms:0} ms")));
            summary.Add(($"live PG 2 inst., signing on {(both ? "both" : "one")}: p50/p99", $"{result.P50Ms:0}/{result.P99Ms:0} ms", "p99 <= 1000 ms", result.P99Ms <= 1000));
            summary.Add(($"live PG 2 inst., signing on {(both ? "both" : "one")}: all reached", $"{result.ClientsWithFinalCount:N0}", $"{result.ClientsWanted:N0}", result.ClientsWithFinalCount == result.ClientsWanted));
        }

        document["livePostgreSql"] = pgLive;
    }
}

if (options.Sections.Contains("live-storm"))
{
    Report.PrintHeader("Live storm: connections to /pledge/live from a few addresses, with the default limits");
    var storm = await LiveStormBenchmark.RunAsync(options, openFiles, work);
    document["liveStorm"] = storm;
    Report.PrintLine($"  {storm.Attempted:N0} attempted from {storm.Addresses} addresses: {storm.Held:N0} held, {storm.Refused:N0} refused (503), {storm.Failed:N0} failed; " +
        $"the first address alone: {storm.OneClientHeld:N0} held of {storm.OneClientAttempted:N0}");
    Report.PrintLine($"  resident memory: before {LiveStormBenchmark.Mb(storm.RssBefore)}, peak {LiveStormBenchmark.Mb(storm.RssPeak)}, {storm.AfterSeconds:0} s after closing {LiveStormBenchmark.Mb(storm.RssAfter)}");
    summary.Add(("live storm: streams held / refused", $"{storm.Held:N0} / {storm.Refused:N0} of {storm.Attempted:N0}", "held <= cap", null));
    summary.Add(("live storm: GET / and /health at the peak", $"{storm.HomeStatusAtPeak} ({storm.HomeMsAtPeak:0} ms), {storm.HealthStatusAtPeak}", "200, 200", storm.HomeStatusAtPeak == 200 && storm.HealthStatusAtPeak == 200));
    summary.Add(("live storm: memory before / peak / after", $"{LiveStormBenchmark.Mb(storm.RssBefore)} / {LiveStormBenchmark.Mb(storm.RssPeak)} / {LiveStormBenchmark.Mb(storm.RssAfter)}", "after near before", null));
    summary.Add(("live storm: app alive, new stream accepted", $"{storm.AppAlive}, {storm.AcceptedAfter}", "yes, yes", storm.AppAlive && storm.AcceptedAfter));
}

var loadAtEnd = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
document["loadAverageAtEnd"] = loadAtEnd;
document["summary"] = summary.Select(s => new { s.Measure, s.Figure, s.Target, s.Met });
Report.PrintSummary(summary);
Console.WriteLine($"Load average at end: {loadAtEnd}");
await Report.WriteJsonAsync(options.OutputFile, document);
