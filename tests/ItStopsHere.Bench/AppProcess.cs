using ItStopsHere.Tests.Support;

namespace ItStopsHere.Bench;

/// <summary>
/// The real site, started as a separate process from its Release build on a free loopback port with a
/// fresh SQLite database, so the benchmark measures what production would run, not a test host. Started,
/// waited for and stopped by the tests' <see cref="AppProcessCore"/> (linked into this project); this
/// class adds the benchmark's environment, its own database and mail folder, and memory readings.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly AppProcessCore _app;

    private AppProcess(AppProcessCore app, string databasePath, string mailFolder)
    {
        _app = app;
        DatabasePath = databasePath;
        MailFolder = mailFolder;
    }

    public Uri Root => _app.Root;

    public string DatabasePath { get; }

    /// <summary>
    /// Where this process writes its thank-you emails (pickup mode). Each process has its own, deleted
    /// afterwards: left to the default (inside the build output) the .eml files of every earlier run pile
    /// up in one folder, hundreds of thousands of them, and slow each later run's writes.
    /// </summary>
    public string MailFolder { get; }

    public int ProcessId => _app.ProcessId;

    /// <summary>Working set of the app process, in bytes, read from /proc.</summary>
    public long WorkingSetBytes() => _app.WorkingSetBytes();

    /// <summary>Resident memory of the app process (VmRSS in /proc/PID/status), in bytes; 0 once it has exited.</summary>
    public long ResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_app.ProcessId}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    public bool IsRunning => !_app.HasExited;

    /// <summary>
    /// Environment for every app process the benchmark starts, on top of its settings (<c>--tiered-compilation off</c>
    /// puts <c>DOTNET_TieredCompilation=0</c> here).
    /// </summary>
    public static Dictionary<string, string> ExtraEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>Starts the app in the <c>Benchmark</c> environment with <paramref name="settings"/> and waits until it is healthy.</summary>
    public static async Task<AppProcess> StartAsync(string label, IReadOnlyDictionary<string, string> settings, string workFolder)
    {
        var instance = $"{label}-{Guid.NewGuid():N}";
        var databasePath = Path.Combine(workFolder, instance + ".db");
        var mailFolder = Path.Combine(workFolder, instance + "-mail");
        var all = new Dictionary<string, string>
        {
            ["ConnectionStrings:Default"] = $"Data Source={databasePath}",
            ["Email:PickupDirectory"] = mailFolder,
            ["Serilog:ConsoleFormat"] = "none",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings.Concat(ExtraEnvironment))
        {
            all[key] = value;
        }

        try
        {
            return new AppProcess(await AppProcessCore.StartHealthyAsync("Benchmark", all, TimeSpan.FromSeconds(60)), databasePath, mailFolder);
        }
        catch
        {
            DeleteFiles(databasePath, mailFolder);
            throw;
        }
    }

    /// <summary>Stops the app with SIGTERM, as a host would, and waits for it to finish draining.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        DeleteFiles(DatabasePath, MailFolder);
    }

    private static void DeleteFiles(string databasePath, string mailFolder)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(databasePath + suffix);
            }
            catch (IOException)
            {
            }
        }

        try
        {
            if (Directory.Exists(mailFolder))
            {
                Directory.Delete(mailFolder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }
}
