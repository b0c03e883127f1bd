using System.Globalization;

namespace ItStopsHere.Bench;

/// <summary>
/// Command-line options: <c>--seconds N</c> per measurement, <c>--live-clients N</c>, <c>--quick</c>,
/// <c>--only signing,pages,live</c>, <c>--out FILE</c>, and for a focused look at signing
/// <c>--modes Batched,Naive,Off</c> and <c>--concurrency 1,16,64,256</c>; <c>--app-warm-up N</c> is the
/// most seconds each app is driven, unmeasured, until its rate settles (default 60, at least half of it;
/// 0 for none). The live storm: <c>--storm-connections N</c> (default 20,000, bounded by the open-file
/// limit), <c>--storm-addresses N</c> loopback source addresses (default 25), <c>--storm-settle N</c>
/// seconds to watch memory after closing (default 30). PostgreSQL (issue 14): <c>--postgres</c> adds
/// its rows to the signing and live sections, on the server in <c>ITSH_TEST_POSTGRES</c> or a private
/// cluster (tests/postgres.sh); <c>--pg-setups 1,2+nginx</c> (the default; also <c>1+nginx</c>) are the
/// signing sites, <c>--pg-concurrency 16,64,256</c> (default) their concurrencies, and
/// <c>--pg-live one,both</c> (default) whether the live run's signings go to one instance or both.
/// <c>--tiered-compilation off</c> starts every app with <c>DOTNET_TieredCompilation=0</c>: for a machine
/// too busy to finish the background recompilation within the warm-up (see README "Performance").
/// </summary>
public sealed record BenchOptions(double Seconds, double WarmUpSeconds, int LiveClients, int[] SigningConcurrency, string OutputFile, string[] Sections, string[] SigningModes, double AppWarmUpSeconds)
{
    public int StormConnections { get; init; } = 20_000;

    public int StormAddresses { get; init; } = 25;

    public double StormSettleSeconds { get; init; } = 30;

    /// <summary>Also measure PostgreSQL (<c>--postgres</c>).</summary>
    public bool Postgres { get; init; }

    /// <summary>The PostgreSQL signing sites: "1" (one instance, no proxy), "1+nginx", "2+nginx" (instances behind nginx).</summary>
    public string[] PostgresSetups { get; init; } = ["1", "2+nginx"];

    public int[] PostgresConcurrency { get; init; } = [16, 64, 256];

    /// <summary>False with <c>--tiered-compilation off</c>.</summary>
    public bool TieredCompilation { get; init; } = true;

    /// <summary>The PostgreSQL live runs: signings on "one" instance, or on "both".</summary>
    public string[] PostgresLive { get; init; } = ["one", "both"];

    /// <summary>The instances of a <see cref="PostgresSetups"/> entry and whether nginx is in front (always, for more than one).</summary>
    public static (int Instances, bool Nginx) ParseSetup(string setup)
    {
        var digits = new string(setup.TakeWhile(char.IsAsciiDigit).ToArray());
        var instances = digits.Length == 0 ? 1 : int.Parse(digits, CultureInfo.InvariantCulture);
        return (Math.Max(1, instances), instances > 1 || setup.Contains("nginx", StringComparison.OrdinalIgnoreCase));
    }

    public static BenchOptions Parse(string[] args)
    {
        double seconds = 5;
        double appWarmUp = 60;
        var liveClients = 1000;
        var output = Path.Combine("bench-results", $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        var quick = args.Contains("--quick");
        string[] sections = ["signing", "pages", "live", "live-storm"];
        var stormConnections = 20_000;
        var stormAddresses = 25;
        double stormSettle = 30;
        string[] pgSetups = ["1", "2+nginx"];
        int[] pgConcurrency = [16, 64, 256];
        string[] pgLive = ["one", "both"];
        string[] modes = ["Batched", "Naive", "Off"];
        int[] concurrency = [1, 16, 64, 256];
        for (var i = 0; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--seconds":
                    seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--live-clients":
                    liveClients = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--only":
                    sections = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "--app-warm-up":
                    appWarmUp = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--modes":
                    modes = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "--concurrency":
                    concurrency = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--storm-connections":
                    stormConnections = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--storm-addresses":
                    stormAddresses = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--storm-settle":
                    stormSettle = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--pg-setups":
                    pgSetups = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "--pg-concurrency":
                    pgConcurrency = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--pg-live":
                    pgLive = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "--out":
                    output = args[i + 1];
                    break;
                default:
                    break;
            }
        }

        if (quick)
        {
            appWarmUp = Math.Min(appWarmUp, 12);
            seconds = Math.Min(seconds, 2);
            liveClients = Math.Min(liveClients, 200);
            stormConnections = Math.Min(stormConnections, 2_000);
            stormSettle = Math.Min(stormSettle, 5);
        }

        return new BenchOptions(seconds, Math.Max(1, seconds / 4), liveClients, concurrency, output, sections, modes, appWarmUp)
        {
            StormConnections = stormConnections,
            StormAddresses = stormAddresses,
            StormSettleSeconds = stormSettle,
            Postgres = args.Contains("--postgres"),
            PostgresSetups = pgSetups,
            PostgresConcurrency = pgConcurrency,
            PostgresLive = pgLive,
            TieredCompilation = !(Array.IndexOf(args, "--tiered-compilation") is var at && at >= 0 && at + 1 < args.Length
                && args[at + 1].Equals("off", StringComparison.OrdinalIgnoreCase)),
        };
    }
}
