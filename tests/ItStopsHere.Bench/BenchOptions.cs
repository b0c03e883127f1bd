using System.Globalization;

namespace ItStopsHere.Bench;

/// <summary>
/// Command-line options: <c>--seconds N</c> per measurement, <c>--live-clients N</c>, <c>--quick</c>,
/// <c>--only signing,pages,live</c>, <c>--out FILE</c>, and for a focused look at signing
/// <c>--modes Batched,Naive,Off</c> and <c>--concurrency 1,16,64,256</c>; <c>--app-warm-up N</c> is the
/// most seconds each app is driven, unmeasured, until its rate settles (default 60, at least half of it;
/// 0 for none). The live storm: <c>--storm-connections N</c> (default 20,000, bounded by the open-file
/// limit), <c>--storm-addresses N</c> loopback source addresses (default 25), <c>--storm-settle N</c>
/// seconds to watch memory after closing (default 30).
/// </summary>
public sealed record BenchOptions(double Seconds, double WarmUpSeconds, int LiveClients, int[] SigningConcurrency, string OutputFile, string[] Sections, string[] SigningModes, double AppWarmUpSeconds)
{
    public int StormConnections { get; init; } = 20_000;

    public int StormAddresses { get; init; } = 25;

    public double StormSettleSeconds { get; init; } = 30;

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
        };
    }
}
