using System.Globalization;

namespace ItStopsHere.Bench;

/// <summary>
/// Command-line options: <c>--seconds N</c> per measurement, <c>--live-clients N</c>, <c>--quick</c>,
/// <c>--only signing,pages,live</c>, <c>--out FILE</c>, and for a focused look at signing
/// <c>--modes Batched,Naive,Off</c> and <c>--concurrency 1,16,64,256</c>; <c>--app-warm-up N</c> is the
/// most seconds each app is driven, unmeasured, until its rate settles (default 60, at least half of it;
/// 0 for none).
/// </summary>
public sealed record BenchOptions(double Seconds, double WarmUpSeconds, int LiveClients, int[] SigningConcurrency, string OutputFile, string[] Sections, string[] SigningModes, double AppWarmUpSeconds)
{
    public static BenchOptions Parse(string[] args)
    {
        double seconds = 5;
        double appWarmUp = 60;
        var liveClients = 1000;
        var output = Path.Combine("bench-results", $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        var quick = args.Contains("--quick");
        string[] sections = ["signing", "pages", "live"];
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
        }

        return new BenchOptions(seconds, Math.Max(1, seconds / 4), liveClients, concurrency, output, sections, modes, appWarmUp);
    }
}
