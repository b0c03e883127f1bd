using System.Runtime.InteropServices;
using ItStopsHere.Bench;

// The benchmark of the real app: starts it as its own process on loopback with a fresh database,
// drives it over HTTP and reports figures and ratios measured in the same run, so that they hold
// on a noisy 2-core machine. Run in Release: dotnet run -c Release --project tests/ItStopsHere.Bench
var options = BenchOptions.Parse(args);
var work = Path.Combine(Path.GetTempPath(), "itstopshere-bench");
Directory.CreateDirectory(work);

Console.WriteLine($"It Stops Here benchmark: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"{options.Seconds:0.#} s per measurement after {options.WarmUpSeconds:0.#} s warm-up");

var document = new Dictionary<string, object>
{
    ["machine"] = new { cores = Environment.ProcessorCount, os = RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
    ["startedAt"] = DateTimeOffset.UtcNow,
    ["secondsPerMeasurement"] = options.Seconds,
};

await using (var app = await AppProcess.StartAsync("pages", new Dictionary<string, string>(), work))
{
    Report.PrintHeader("Pages");
    var pages = await PagesBenchmark.RunAsync(app, options);
    document["pages"] = pages;
    var home = pages.FirstOrDefault(p => p.Name == "GET /");
    var file = pages.FirstOrDefault(p => p.Name == "GET /css/site.css");
    if (home is not null && file is not null)
    {
        var ratio = home.PerSecond / file.PerSecond;
        document["homeToStaticRatio"] = ratio;
        Report.PrintLine($"Home page at {ratio:P0} of the static-file rate (target at least 50%).");
    }
}

await Report.WriteJsonAsync(options.OutputFile, document);
