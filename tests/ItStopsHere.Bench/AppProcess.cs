using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ItStopsHere.Bench;

/// <summary>
/// The real site, started as a separate process from its Release build on a free loopback port with a
/// fresh SQLite database, so the benchmark measures what production would run, not a test host.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, Uri root, string databasePath, string mailFolder)
    {
        _process = process;
        Root = root;
        DatabasePath = databasePath;
        MailFolder = mailFolder;
    }

    public Uri Root { get; }

    public string DatabasePath { get; }

    /// <summary>
    /// Where this process writes its thank-you emails (pickup mode). Each process has its own, deleted
    /// afterwards: left to the default (inside the build output) the .eml files of every earlier run pile
    /// up in one folder, hundreds of thousands of them, and slow each later run's writes.
    /// </summary>
    public string MailFolder { get; }

    public int ProcessId => _process.Id;

    /// <summary>Working set of the app process, in bytes, read from /proc.</summary>
    public long WorkingSetBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>Resident memory of the app process (VmRSS in /proc/PID/status), in bytes; 0 once it has exited.</summary>
    public long ResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
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

    public bool IsRunning => !_process.HasExited;

    public static async Task<AppProcess> StartAsync(string label, IReadOnlyDictionary<string, string> settings, string workFolder)
    {
        var dll = LocateAppDll();
        var port = FreePort();
        var instance = $"{label}-{Guid.NewGuid():N}";
        var databasePath = Path.Combine(workFolder, instance + ".db");
        var mailFolder = Path.Combine(workFolder, instance + "-mail");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Benchmark";
        start.Environment["DOTNET_ENVIRONMENT"] = "Benchmark";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={databasePath}";
        start.Environment["Email__PickupDirectory"] = mailFolder;
        start.Environment["Serilog__ConsoleFormat"] = "none";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"), databasePath, mailFolder);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited during start-up ({process.ExitCode}):\n{output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(app.Root, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        await app.DisposeAsync();
        throw new TimeoutException($"The app did not become healthy within 60 s:\n{output}");
    }

    private static string LocateAppDll()
    {
        var configuration = typeof(AppProcess).Assembly.Location.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ItStopsHere.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "ItStopsHere.Web", "bin", configuration, "net10.0", "ItStopsHere.Web.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the web project in {configuration} first.", dll);
            }
        }

        throw new DirectoryNotFoundException("Run the benchmark from inside the repository.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the app with SIGTERM, as a host would, and waits for it to finish draining.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        Native.Terminate(_process.Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(DatabasePath + suffix);
            }
            catch (IOException)
            {
            }
        }

        try
        {
            if (Directory.Exists(MailFolder))
            {
                Directory.Delete(MailFolder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }
}
