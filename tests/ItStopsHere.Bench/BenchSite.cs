using System.Diagnostics;

namespace ItStopsHere.Bench;

/// <summary>What was measured on the CPU and in the database between two readings of a <see cref="BenchSite"/>.</summary>
public sealed record CostReading(double Wall, double App, double Database, double Nginx, double Bench, double MachineBusy, double MachineTotal, long WriteTransactions, long WalBytes);

/// <summary>
/// Where a run's time went, per acknowledged signing (µs of CPU) and in cores busy on average. "Other"
/// is the machine's busy time that none of the benchmark's processes used: on a shared machine, other
/// people's work. For SQLite the database's work is inside the app's process.
/// </summary>
public sealed record RunCost(
    int Concurrency, long Signings, double Seconds,
    double AppUs, double DatabaseUs, double NginxUs, double BenchUs, double OtherUs,
    double AppCores, double DatabaseCores, double NginxCores, double BenchCores, double OtherCores, double MachineCores,
    long WriteTransactions, double SigningsPerWriteTransaction, double DatabaseUsPerWriteTransaction, double WalBytesPerSigning)
{
    public static RunCost From(int concurrency, long signings, CostReading before, CostReading after)
    {
        var seconds = after.Wall - before.Wall;
        double Per(double a, double b) => signings == 0 ? double.NaN : (a - b) * 1e6 / signings;
        double Cores(double a, double b) => seconds <= 0 ? double.NaN : (a - b) / seconds;
        var ours = (after.App - before.App) + (after.Database - before.Database) + (after.Nginx - before.Nginx) + (after.Bench - before.Bench);
        var other = Math.Max(0, after.MachineBusy - before.MachineBusy - ours);
        var writes = after.WriteTransactions - before.WriteTransactions;
        var cores = (after.MachineTotal - before.MachineTotal) / Math.Max(1e-9, seconds);
        return new RunCost(concurrency, signings, seconds,
            Per(after.App, before.App), Per(after.Database, before.Database), Per(after.Nginx, before.Nginx), Per(after.Bench, before.Bench),
            signings == 0 ? double.NaN : other * 1e6 / signings,
            Cores(after.App, before.App), Cores(after.Database, before.Database), Cores(after.Nginx, before.Nginx), Cores(after.Bench, before.Bench),
            seconds <= 0 ? double.NaN : other / seconds, cores,
            writes, writes == 0 ? double.NaN : (double)signings / writes,
            writes == 0 ? double.NaN : (after.Database - before.Database) * 1e6 / writes,
            signings == 0 ? double.NaN : (double)(after.WalBytes - before.WalBytes) / signings);
    }
}

/// <summary>
/// The site a signing or live run drives: one app instance on SQLite (today's rows), or one or more
/// instances on one fresh PostgreSQL database, optionally behind nginx (<see cref="BenchNginx"/>).
/// <see cref="Root"/> is where the clients go: nginx when there is one, else the (first) instance.
/// </summary>
public sealed class BenchSite : IAsyncDisposable
{
    private readonly List<AppProcess> _apps;
    private readonly BenchNginx? _nginx;
    private readonly PostgresServer? _server;
    private readonly string? _connectionString;

    private BenchSite(string name, List<AppProcess> apps, BenchNginx? nginx, PostgresServer? server, string? connectionString)
    {
        Name = name;
        _apps = apps;
        _nginx = nginx;
        _server = server;
        _connectionString = connectionString;
    }

    /// <summary>"SQLite", "PostgreSQL, 1 instance", "PostgreSQL, 2 instances + nginx".</summary>
    public string Name { get; }

    public bool IsPostgreSql => _server is not null;

    public int Instances => _apps.Count;

    public bool BehindNginx => _nginx is not null;

    public Uri Root => _nginx?.Root ?? _apps[0].Root;

    public IReadOnlyList<Uri> InstanceRoots => _apps.Select(a => a.Root).ToList();

    public IReadOnlyList<AppProcess> Apps => _apps;

    public static async Task<BenchSite> SqliteAsync(string label, Dictionary<string, string> settings, string work) =>
        new("SQLite", [await AppProcess.StartAsync(label, settings, work)], null, null, null);

    /// <summary>
    /// <paramref name="instances"/> app instances on a fresh database copied from the migrated template,
    /// started one after another (each with <c>Deployment:Instances</c> = their number), and nginx in
    /// front of them when <paramref name="nginx"/>.
    /// </summary>
    public static async Task<BenchSite> PostgreSqlAsync(PostgresServer server, string label, Dictionary<string, string> settings, int instances, bool nginx, string work)
    {
        var connectionString = await server.CreateDatabaseAsync(label.Replace('-', '_'));
        var apps = new List<AppProcess>();
        BenchNginx? proxy = null;
        try
        {
            var all = new Dictionary<string, string>(settings)
            {
                ["Database:Provider"] = "PostgreSQL",
                ["ConnectionStrings:Default"] = connectionString,
                ["Database:MigrateOnStartup"] = "false",
                ["Deployment:Instances"] = instances.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            for (var i = 0; i < instances; i++)
            {
                apps.Add(await AppProcess.StartAsync($"{label}-{i + 1}", all, work));
            }

            if (nginx)
            {
                proxy = await BenchNginx.StartAsync(apps.Select(a => a.Root), work);
            }

            var name = $"PostgreSQL, {instances} instance{(instances == 1 ? "" : "s")}{(nginx ? " + nginx" : "")}";
            return new BenchSite(name, apps, proxy, server, connectionString);
        }
        catch
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }

            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }

            await server.DropDatabaseAsync(connectionString);
            throw;
        }
    }

    /// <summary>CPU seconds so far of each part, the machine's, and (PostgreSQL) the database's write transactions and WAL.</summary>
    public async Task<CostReading> ReadAsync()
    {
        long writes = 0, wal = 0;
        if (_server is not null && _connectionString is not null)
        {
            (writes, wal) = await _server.CountersAsync(_connectionString);
        }

        var (busy, total) = CpuMeter.Machine();
        return new CostReading(
            Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency,
            _apps.Sum(a => CpuMeter.ProcessSeconds(a.ProcessId)),
            _server?.PostmasterPid is { } postmaster ? CpuMeter.TreeSeconds(postmaster) : 0,
            _nginx is null ? 0 : CpuMeter.TreeSeconds(_nginx.ProcessId),
            CpuMeter.ProcessSeconds(Environment.ProcessId),
            busy, total, writes, wal);
    }

    /// <summary>Stops every instance with SIGTERM (each drains its writer), as a host would.</summary>
    public async Task StopAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync();
        }
    }

    /// <summary>The signature rows stored, and (PostgreSQL) whether the published numbers are 1..N, each once.</summary>
    public async Task<(long Rows, bool? NumbersGapFree)> CheckAsync()
    {
        if (_connectionString is null)
        {
            return (SigningBenchmark.CountSqliteRows(_apps[0].DatabasePath), null);
        }

        var (rows, gapFree) = await PostgresServer.CheckSignaturesAsync(_connectionString);
        return (rows, gapFree);
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        if (_server is not null && _connectionString is not null)
        {
            await _server.DropDatabaseAsync(_connectionString);
        }
    }
}
