using System.Globalization;
using System.Text.Json;

namespace ItStopsHere.Bench;

public static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void PrintHeader(string title)
    {
        Console.WriteLine();
        Console.WriteLine($"## {title}");
        Console.WriteLine($"| {"measurement",-34} | {"conc.",5} | {"ok",8} | {"failed",6} | {"per s",9} | {"p50 ms",8} | {"p99 ms",8} |");
        Console.WriteLine($"|{new string('-', 36)}|{new string('-', 7)}|{new string('-', 10)}|{new string('-', 8)}|{new string('-', 11)}|{new string('-', 10)}|{new string('-', 10)}|");
    }

    public static void PrintRow(LoadResult r) =>
        Console.WriteLine(string.Format(Invariant, "| {0,-34} | {1,5} | {2,8} | {3,6} | {4,9:0} | {5,8:0.0} | {6,8:0.0} |",
            r.Name, r.Concurrency, r.Succeeded, r.Failed, r.PerSecond, r.P50Ms, r.P99Ms));

    public static void PrintLine(string text) => Console.WriteLine(text);

    /// <summary>
    /// Where each measured signing run's CPU went, in µs per acknowledged signing, and the cores busy on
    /// average; for PostgreSQL also the server's write transactions and WAL per signing.
    /// </summary>
    public static void PrintCosts(IEnumerable<SigningResult> results)
    {
        Console.WriteLine();
        Console.WriteLine("## CPU per signing (µs; cores busy in brackets) and the database's work, measured windows only");
        Console.WriteLine($"| {"run",-34} | {"conc.",5} | {"app",11} | {"database",11} | {"nginx",11} | {"clients",11} | {"other",11} | {"write tx/s",10} | {"sign./tx",8} | {"db µs/tx",8} | {"WAL B/sign.",11} |");
        Console.WriteLine($"|{new string('-', 36)}|{new string('-', 7)}|{string.Concat(Enumerable.Repeat(new string('-', 13) + "|", 5))}{new string('-', 12)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 13)}|");
        foreach (var result in results)
        {
            foreach (var c in result.Costs)
            {
                static string Part(double us, double cores) => double.IsNaN(us) ? "-" : string.Format(Invariant, "{0:0} ({1:0.00})", us, cores);
                var database = result.Site == "SQLite" ? "in app" : Part(c.DatabaseUs, c.DatabaseCores);
                var nginx = c.NginxCores > 0 ? Part(c.NginxUs, c.NginxCores) : "-";
                var writes = result.Site == "SQLite" ? "-" : (c.WriteTransactions / c.Seconds).ToString("0", Invariant);
                var perTx = result.Site == "SQLite" ? "-" : c.SigningsPerWriteTransaction.ToString("0.0", Invariant);
                var usPerTx = result.Site == "SQLite" ? "-" : c.DatabaseUsPerWriteTransaction.ToString("0", Invariant);
                var wal = result.Site == "SQLite" ? "-" : c.WalBytesPerSigning.ToString("0", Invariant);
                var name = result.Site == "SQLite" ? $"sign ({result.Mode})" : result.Runs[0].Name;
                Console.WriteLine(string.Format(Invariant, "| {0,-34} | {1,5} | {2,11} | {3,11} | {4,11} | {5,11} | {6,11} | {7,10} | {8,8} | {9,8} | {10,11} |",
                    name, c.Concurrency, Part(c.AppUs, c.AppCores), database, nginx, Part(c.BenchUs, c.BenchCores), Part(c.OtherUs, c.OtherCores),
                    writes, perTx, usPerTx, wal));
            }
        }
    }

    /// <summary>Each batched run against the naive and ceiling references of the same run, at each concurrency they share.</summary>
    public static List<object> PrintRatios(IEnumerable<SigningResult> results, SigningResult? naive, SigningResult? ceiling)
    {
        var rows = new List<object>();
        if (naive is null || ceiling is null)
        {
            return rows;
        }

        Console.WriteLine();
        Console.WriteLine("## Batched signing against the references of this run (SQLite naive, SQLite ceiling)");
        Console.WriteLine($"| {"run",-34} | {"conc.",5} | {"per s",9} | {"of ceiling",10} | {"x naive",8} |");
        Console.WriteLine($"|{new string('-', 36)}|{new string('-', 7)}|{new string('-', 11)}|{new string('-', 12)}|{new string('-', 10)}|");
        foreach (var result in results.Where(r => r.Mode == "Batched"))
        {
            foreach (var run in result.Runs)
            {
                var n = naive.Runs.SingleOrDefault(r => r.Concurrency == run.Concurrency);
                var c = ceiling.Runs.SingleOrDefault(r => r.Concurrency == run.Concurrency);
                if (n is null || c is null)
                {
                    continue;
                }

                var ofCeiling = run.PerSecond / c.PerSecond;
                var overNaive = n.PerSecond > 0 ? run.PerSecond / n.PerSecond : double.NaN;
                rows.Add(new { site = result.Site, concurrency = run.Concurrency, perSecond = run.PerSecond, ofCeiling, overNaive, p99Ms = run.P99Ms });
                Console.WriteLine(string.Format(Invariant, "| {0,-34} | {1,5} | {2,9:0} | {3,10:P0} | {4,7:0.0}x |", run.Name, run.Concurrency, run.PerSecond, ofCeiling, overNaive));
            }
        }

        return rows;
    }

    /// <summary>The targets from the issue, each with this run's figure.</summary>
    public static void PrintSummary(IEnumerable<(string Measure, string Figure, string Target, bool? Met)> rows)
    {
        Console.WriteLine();
        Console.WriteLine("## Summary (ratios from this run)");
        Console.WriteLine($"| {"measure",-44} | {"figure",-28} | {"target",-15} | {"met",-4} |");
        Console.WriteLine($"|{new string('-', 46)}|{new string('-', 30)}|{new string('-', 17)}|{new string('-', 6)}|");
        foreach (var (measure, figure, target, met) in rows)
        {
            Console.WriteLine(string.Format(Invariant, "| {0,-44} | {1,-28} | {2,-15} | {3,-4} |", measure, figure, target, met switch { true => "yes", false => "no", null => "-" }));
        }
    }

    public static async Task WriteJsonAsync(string path, object document)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        Console.WriteLine($"\nWrote {Path.GetFullPath(path)}");
    }
}
