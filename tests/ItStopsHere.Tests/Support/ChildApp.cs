using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ItStopsHere.Tests.Support;

/// <summary>
/// The real app as a separate child process (its own build in <c>src/ItStopsHere.Web/bin</c>) on a
/// loopback port and a SQLite file, so a test can kill it as the operating system would: SIGKILL, no
/// shutdown code runs. By default the app runs as in production behind a TLS proxy: 127.0.0.1 is a known
/// proxy, and clients send <c>X-Forwarded-Proto: https</c> (see <see cref="CreateClient"/>).
/// <see cref="ChildAppOptions"/> choose the environment, whether 127.0.0.1 is a proxy, and a second,
/// TLS endpoint; <see cref="CreateClientFrom"/> connects from another loopback address (127.0.0.2, say),
/// so one machine has both a proxy's address and a stranger's.
/// </summary>
public sealed class ChildApp : IAsyncDisposable
{
    /// <summary>The proxy's address when <see cref="ChildAppOptions.LoopbackIsProxy"/>; the app listens on it.</summary>
    public static readonly IPAddress ProxyAddress = IPAddress.Loopback;

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string? _certificatePath;

    private ChildApp(Process process, StringBuilder output, Uri root, Uri? httpsRoot, string? certificatePath)
    {
        _process = process;
        _output = output;
        Root = root;
        HttpsRoot = httpsRoot;
        _certificatePath = certificatePath;
    }

    public Uri Root { get; }

    /// <summary>The TLS endpoint (a self-signed certificate for 127.0.0.1), when <see cref="ChildAppOptions.Tls"/>.</summary>
    public Uri? HttpsRoot { get; }

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

    public static async Task<ChildApp> StartAsync(string databasePath, IReadOnlyDictionary<string, string> settings, ChildAppOptions? options = null)
    {
        // A free port is only free when it is chosen: another process on the machine (a parallel test's
        // app or client) can take it before the app binds it. Then the app stops at start with "address
        // already in use", and it is started again on new ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(databasePath, settings, options ?? new ChildAppOptions());
            }
            catch (PortTakenException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task<ChildApp> StartOnFreePortsAsync(string databasePath, IReadOnlyDictionary<string, string> settings, ChildAppOptions options)
    {
        var port = FreePort();
        var httpsPort = options.Tls ? FreePort(except: port) : (int?)null;
        var start = StartInfo(databasePath, settings, options);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(httpsPort is { } tlsPort ? $"http://127.0.0.1:{port};https://127.0.0.1:{tlsPort}" : $"http://127.0.0.1:{port}");
        var certificatePath = options.Tls ? WriteLoopbackCertificate(databasePath + ".pfx") : null;
        if (certificatePath is not null)
        {
            start.Environment["Kestrel__Certificates__Default__Path"] = certificatePath;
            start.Environment["Kestrel__Certificates__Default__Password"] = CertificatePassword;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new ChildApp(process, output, new Uri($"http://127.0.0.1:{port}/"), httpsPort is { } p ? new Uri($"https://127.0.0.1:{p}/") : null, certificatePath);
        // Healthy means every endpoint answers, the TLS one included.
        using var probe = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        })
        { Timeout = TimeSpan.FromSeconds(2) };
        var roots = app.HttpsRoot is { } httpsRoot ? new[] { app.Root, httpsRoot } : [app.Root];
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(180))
        {
            if (process.HasExited)
            {
                var exitCode = process.ExitCode;
                var said = app.Output;
                await app.DisposeAsync();
                if (said.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    throw new PortTakenException();
                }

                throw new InvalidOperationException($"The app exited during start-up ({exitCode}):\n{said}");
            }

            if (await AllHealthyAsync(probe, roots))
            {
                return app;
            }

            await Task.Delay(100);
        }

        await app.DisposeAsync();
        throw new TimeoutException($"The app did not become healthy within 180 s:\n{app.Output}");
    }

    private static async Task<bool> AllHealthyAsync(HttpClient probe, IEnumerable<Uri> roots)
    {
        foreach (var root in roots)
        {
            try
            {
                using var response = await probe.GetAsync(new Uri(root, "/health"));
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

    private sealed class PortTakenException : Exception;

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
    /// A client that connects from <paramref name="source"/> (any 127.x.y.z address works on Linux's
    /// loopback) and sends no forwarded headers of its own; over TLS to <see cref="HttpsRoot"/> when
    /// <paramref name="tls"/>. Cookies are not kept and redirects are not followed.
    /// </summary>
    public HttpClient CreateClientFrom(IPAddress source, bool tls = false)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            // The app's own self-signed certificate for 127.0.0.1, made by WriteLoopbackCertificate.
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        return new HttpClient(handler)
        {
            BaseAddress = tls ? HttpsRoot ?? throw new InvalidOperationException("Start the app with Tls = true.") : Root,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    private const string CertificatePassword = "child-app";

    private static string WriteLoopbackCertificate(string path)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return path;
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

    private static ProcessStartInfo StartInfo(string databasePath, IReadOnlyDictionary<string, string> settings, ChildAppOptions? options = null)
    {
        options ??= new ChildAppOptions();
        var dll = LocateAppDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = options.Environment;
        start.Environment["DOTNET_ENVIRONMENT"] = options.Environment;
        start.Environment["ConnectionStrings__Default"] = $"Data Source={databasePath}";
        start.Environment["Serilog__ConsoleFormat"] = "none";
        start.Environment["Retention__Enabled"] = "false";
        if (options.LoopbackIsProxy)
        {
            start.Environment["ForwardedHeaders__KnownProxies__0"] = ProxyAddress.ToString();
        }

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

    internal static string LocateAppDll()
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
        if (_certificatePath is not null)
        {
            File.Delete(_certificatePath);
        }
    }
}

/// <summary>How a <see cref="ChildApp"/> runs.</summary>
/// <param name="Environment">ASPNETCORE_ENVIRONMENT: "Testing" behaves as Production (HTTPS only, Secure cookies, friendly error pages); "Production" is the real thing.</param>
/// <param name="LoopbackIsProxy">127.0.0.1 is a configured proxy (<c>ForwardedHeaders:KnownProxies</c>), as if a TLS proxy ran on the same host.</param>
/// <param name="Tls">Also listen with TLS on a second port (<see cref="ChildApp.HttpsRoot"/>), as a site that terminates TLS itself.</param>
public sealed record ChildAppOptions(string Environment = "Testing", bool LoopbackIsProxy = true, bool Tls = false);
