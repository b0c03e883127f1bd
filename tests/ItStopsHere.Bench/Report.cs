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

        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"\nWrote {Path.GetFullPath(path)}");
    }
}
