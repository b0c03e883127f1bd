using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace ItStopsHere.Tests.Support;

/// <summary>
/// The built app (<c>src/ItStopsHere.Web/bin/CONFIGURATION/net10.0/ItStopsHere.Web.dll</c>) as a child
/// process on free loopback ports, its output kept. The one way the tests (<c>ChildApp</c>, the
/// deployment and command tests) and the benchmark (its <c>AppProcess</c>, which compiles this very file
/// by a link in its project) start the real app, wait for it and stop it.
/// Settings are configuration keys (<c>Section:Key</c>), passed as environment variables.
/// </summary>
internal sealed class AppProcessCore : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private AppProcessCore(Process process, StringBuilder output, Uri root, Uri? httpsRoot)
    {
        _process = process;
        _output = output;
        Root = root;
        HttpsRoot = httpsRoot;
    }

    public Uri Root { get; }

    /// <summary>The TLS endpoint, when started with <c>tls</c> (the settings name its certificate).</summary>
    public Uri? HttpsRoot { get; }

    /// <summary>Every endpoint answered <c>/health</c> with 200 before the app exited or the time ran out.</summary>
    public bool IsHealthy { get; private set; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the app wrote to standard output and standard error, interleaved.</summary>
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

    /// <summary>Working set of the app process, in bytes.</summary>
    public long WorkingSetBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>
    /// Starts the app and waits until every endpoint answers <c>/health</c> with 200; throws, with the
    /// app's output, when it exits first or is not healthy <paramref name="within"/>.
    /// </summary>
    public static async Task<AppProcessCore> StartHealthyAsync(
        string environment, IReadOnlyDictionary<string, string> settings, TimeSpan within, bool tls = false)
    {
        var app = await StartAsync(environment, settings, within, tls);
        if (app.IsHealthy)
        {
            return app;
        }

        var exited = app.HasExited;
        var exitCode = exited ? app.ExitCode : 0;
        var said = app.Output;
        await app.DisposeAsync();
        throw exited
            ? new InvalidOperationException($"The app exited during start-up ({exitCode}):\n{said}")
            : new TimeoutException($"The app did not become healthy within {within.TotalSeconds:0} s:\n{said}");
    }

    /// <summary>
    /// Starts the app and waits until it is healthy (<see cref="IsHealthy"/>), exits, or
    /// <paramref name="within"/> has passed; it does not throw when the app refuses to start.
    /// A free port is only free when it is chosen: another process on the machine (a parallel test's app
    /// or client) can take it before the app binds it. Then the app stops at start with "address already
    /// in use", and it is started again on new ports (three attempts in all).
    /// </summary>
    public static async Task<AppProcessCore> StartAsync(
        string environment, IReadOnlyDictionary<string, string> settings, TimeSpan within, bool tls = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var app = Launch(environment, settings, tls);
            await app.WaitUntilHealthyOrExitedAsync(within);
            if (attempt < 3 && app.HasExited && app.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await app.DisposeAsync();
                continue;
            }

            return app;
        }
    }

    private static AppProcessCore Launch(string environment, IReadOnlyDictionary<string, string> settings, bool tls)
    {
        var port = FreePort();
        var httpsPort = tls ? FreePort(except: port) : (int?)null;
        var start = StartInfo(environment, settings,
            ["--urls", httpsPort is { } tlsPort ? $"http://127.0.0.1:{port};https://127.0.0.1:{tlsPort}" : $"http://127.0.0.1:{port}"]);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppProcessCore(process, output, new Uri($"http://127.0.0.1:{port}/"), httpsPort is { } p ? new Uri($"https://127.0.0.1:{p}/") : null);
    }

    private async Task WaitUntilHealthyOrExitedAsync(TimeSpan within)
    {
        // Healthy means every endpoint answers, the TLS one (the app's own self-signed certificate) included.
        using var probe = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        })
        { Timeout = TimeSpan.FromSeconds(2) };
        var roots = HttpsRoot is { } httpsRoot ? new[] { Root, httpsRoot } : [Root];
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            if (_process.HasExited)
            {
                // Waits for the end of its output too, so the caller reads all it said.
                await _process.WaitForExitAsync();
                return;
            }

            if (await AllHealthyAsync(probe, roots))
            {
                IsHealthy = true;
                return;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<bool> AllHealthyAsync(HttpClient probe, IEnumerable<Uri> roots)
    {
        foreach (var root in roots)
        {
            try
            {
                // As a TLS proxy would ask; the header is ignored unless 127.0.0.1 is a known proxy.
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root, "/health"));
                request.Headers.Add("X-Forwarded-Proto", "https");
                using var response = await probe.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false; // Not listening yet.
            }
        }

        return true;
    }

    /// <summary>
    /// Runs the app with <paramref name="args"/> (a maintenance command such as <c>backup --to DIR</c>,
    /// <c>migrate</c>, <c>admin add</c>) until it exits by itself, writing <paramref name="input"/> (a
    /// line) to its standard input.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string environment, IReadOnlyDictionary<string, string> settings, IEnumerable<string> args, string? input, TimeSpan within)
    {
        var start = StartInfo(environment, settings, args);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', start.ArgumentList.Skip(1))}' did not finish within {within.TotalSeconds:0} s:\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo StartInfo(string environment, IReadOnlyDictionary<string, string> settings, IEnumerable<string> args)
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
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        // The app reads only the settings given here, not a credentials folder the runner happens to have.
        start.Environment.Remove("CREDENTIALS_DIRECTORY");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }

    /// <summary>SIGTERM, as systemd stops a service: the app shuts down gracefully (drains the writer), then exits.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
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

    /// <summary>SIGKILL: the process ends at once, mid-write, with no shutdown code.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>The web project's build in the configuration this assembly was built in (Debug or Release).</summary>
    public static string LocateAppDll()
    {
        var configuration = typeof(AppProcessCore).Assembly.Location.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot(), "src", "ItStopsHere.Web", "bin", configuration, "net10.0", "ItStopsHere.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The web project's {configuration} build is missing: build it first.", dll);
    }

    /// <summary>The repository's root folder (the one with <c>ItStopsHere.sln</c>), found upwards from the build output.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ItStopsHere.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run this from inside the repository.");
    }

    /// <summary>A loopback port free at the moment it is chosen (and not <paramref name="except"/>).</summary>
    public static int FreePort(int? except = null)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (port != except)
            {
                return port;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
