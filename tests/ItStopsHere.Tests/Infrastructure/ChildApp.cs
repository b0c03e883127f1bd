using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ItStopsHere.Tests.Infrastructure;

/// <summary>
/// The real app as a separate child process (its own build in <c>src/ItStopsHere.Web/bin</c>) on a
/// loopback port and a SQLite file, so a test can kill it as the operating system would: SIGKILL, no
/// shutdown code runs. The app runs as in production behind a TLS proxy: loopback is a known proxy, and
/// clients send <c>X-Forwarded-Proto: https</c> (see <see cref="CreateClient"/>).
/// </summary>
public sealed class ChildApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private ChildApp(Process process, StringBuilder output, Uri root)
    {
        _process = process;
        _output = output;
        Root = root;
    }

    public Uri Root { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ChildApp> StartAsync(string databasePath, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var start = StartInfo(databasePath, settings);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new ChildApp(process, output, new Uri($"http://127.0.0.1:{port}/"));
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited during start-up ({process.ExitCode}):\n{app.Output}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri(app.Root, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await app.DisposeAsync();
        throw new TimeoutException($"The app did not become healthy within 60 s:\n{app.Output}");
    }

    /// <summary>
    /// A client as a browser behind the TLS proxy would be. Cookies are kept by hand (the app's cookies
    /// are Secure and <see cref="CookieContainer"/> will not send those over http); redirects are not followed.
    /// </summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = Root,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    /// <summary>
    /// Runs a maintenance command (<c>backup --to DIR</c>, <c>migrate</c>, ...) or an app start that is
    /// expected to end by itself, as its own process on the same settings, and waits for it to exit.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string databasePath, IReadOnlyDictionary<string, string> settings, string[] args, string? input = null)
    {
        var start = StartInfo(databasePath, settings);
        start.RedirectStandardInput = true;
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not finish within 3 minutes:\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>SIGTERM, as systemd stops a service: the app shuts down gracefully (drains the writer), then exits.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    private static ProcessStartInfo StartInfo(string databasePath, IReadOnlyDictionary<string, string> settings)
    {
        var dll = LocateAppDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={databasePath}";
        start.Environment["Serilog__ConsoleFormat"] = "none";
        start.Environment["Retention__Enabled"] = "false";
        start.Environment["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }

    /// <summary>SIGKILL: the process ends at once, mid-write, with no shutdown code.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    private static string LocateAppDll()
    {
        var configuration = typeof(ChildApp).Assembly.Location.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ItStopsHere.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "ItStopsHere.Web", "bin", configuration, "net10.0", "ItStopsHere.Web.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"The web project's {configuration} build is missing.", dll);
            }
        }

        throw new DirectoryNotFoundException("Run the tests from inside the repository.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
