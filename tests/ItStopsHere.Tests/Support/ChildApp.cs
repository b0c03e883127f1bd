using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ItStopsHere.Tests.Support;

/// <summary>
/// The real app as a separate child process (its own build in <c>src/ItStopsHere.Web/bin</c>, started by
/// <see cref="AppProcessCore"/>) on a loopback port and a SQLite file, so a test can kill it as the
/// operating system would: SIGKILL, no shutdown code runs. By default the app runs as in production
/// behind a TLS proxy: 127.0.0.1 is a known proxy, and clients send <c>X-Forwarded-Proto: https</c> (see
/// <see cref="CreateClient"/>). <see cref="ChildAppOptions"/> choose the environment, whether 127.0.0.1 is
/// a proxy, and a second, TLS endpoint; <see cref="CreateClientFrom"/> connects from another loopback
/// address (127.0.0.2, say), so one machine has both a proxy's address and a stranger's.
/// </summary>
public sealed class ChildApp : IAsyncDisposable
{
    /// <summary>The proxy's address when <see cref="ChildAppOptions.LoopbackIsProxy"/>; the app listens on it.</summary>
    public static readonly IPAddress ProxyAddress = IPAddress.Loopback;

    private const string CertificatePassword = "child-app";

    private readonly AppProcessCore _app;
    private readonly string? _certificatePath;

    private ChildApp(AppProcessCore app, string? certificatePath)
    {
        _app = app;
        _certificatePath = certificatePath;
    }

    public Uri Root => _app.Root;

    /// <summary>The TLS endpoint (a self-signed certificate for 127.0.0.1), when <see cref="ChildAppOptions.Tls"/>.</summary>
    public Uri? HttpsRoot => _app.HttpsRoot;

    public string Output => _app.Output;

    /// <summary>
    /// Starts the app and waits until every endpoint answers <c>/health</c> (started again on new ports
    /// if one was taken meanwhile; see <see cref="AppProcessCore.StartAsync"/>).
    /// </summary>
    public static async Task<ChildApp> StartAsync(string databasePath, IReadOnlyDictionary<string, string> settings, ChildAppOptions? options = null)
    {
        options ??= new ChildAppOptions();
        var all = Settings(databasePath, settings, options);
        string? certificatePath = null;
        if (options.Tls)
        {
            certificatePath = databasePath + ".pfx";
            using (var certificate = Loopback.CreateCertificate())
            {
                await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, CertificatePassword));
            }

            all["Kestrel:Certificates:Default:Path"] = certificatePath;
            all["Kestrel:Certificates:Default:Password"] = CertificatePassword;
        }

        try
        {
            return new ChildApp(await AppProcessCore.StartHealthyAsync(options.Environment, all, TimeSpan.FromSeconds(180), options.Tls), certificatePath);
        }
        catch
        {
            DeleteCertificate(certificatePath);
            throw;
        }
    }

    /// <summary>
    /// Runs a maintenance command (<c>backup --to DIR</c>, <c>migrate</c>, <c>admin add</c>, ...) or an app
    /// start that is expected to end by itself, as its own process on the same settings, and waits for it to exit.
    /// </summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(
        string databasePath, IReadOnlyDictionary<string, string> settings, string[] args, string? input = null)
    {
        var options = new ChildAppOptions();
        return AppProcessCore.RunAsync(options.Environment, Settings(databasePath, settings, options), args, input, TimeSpan.FromMinutes(3));
    }

    /// <summary>The child app's own settings, then the test's (which win).</summary>
    private static Dictionary<string, string> Settings(string databasePath, IReadOnlyDictionary<string, string> settings, ChildAppOptions options)
    {
        var all = new Dictionary<string, string>
        {
            ["Serilog:ConsoleFormat"] = "none",
            ["Retention:Enabled"] = "false",
        };
        // SQLite: the file; PostgreSQL (ITSH_TEST_PROVIDER): the database that stands for it (TestDatabase).
        foreach (var (key, value) in TestDatabase.SettingsFor(databasePath))
        {
            all[key] = value;
        }

        if (options.LoopbackIsProxy)
        {
            all["ForwardedHeaders:KnownProxies:0"] = ProxyAddress.ToString();
        }

        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return all;
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
            ConnectCallback = Loopback.ConnectFrom(source),
            // The app's own self-signed certificate for 127.0.0.1, made in StartAsync.
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        return new HttpClient(handler)
        {
            BaseAddress = tls ? HttpsRoot ?? throw new InvalidOperationException("Start the app with Tls = true.") : Root,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>SIGTERM, as systemd stops a service: the app shuts down gracefully (drains the writer), then exits.</summary>
    public Task StopAsync() => _app.StopAsync();

    /// <summary>SIGKILL: the process ends at once, mid-write, with no shutdown code.</summary>
    public Task KillAsync() => _app.KillAsync();

    /// <summary>
    /// SIGSTOP: the process stops running but keeps its sockets, as a hung server does: the kernel still
    /// accepts connections and takes requests, which wait unread (see <see cref="UnreadRequestBytes"/>).
    /// A later <see cref="KillAsync"/> ends it.
    /// </summary>
    public async Task FreezeAsync()
    {
        using var stop = Process.Start("kill", ["-STOP", _app.ProcessId.ToString(CultureInfo.InvariantCulture)]);
        await stop.WaitForExitAsync();
        Assert.Equal(0, stop.ExitCode);
    }

    /// <summary>
    /// Bytes that have arrived on connections to the app's port but that it has not read (the rx_queue of
    /// its sockets in /proc/net/tcp): above 0 while it is frozen, once a request has been sent to it.
    /// </summary>
    public long UnreadRequestBytes()
    {
        var local = $"0100007F:{Root.Port:X4}";
        long unread = 0;
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            // sl local_address rem_address st tx_queue:rx_queue ...; st 01 is ESTABLISHED (a listening
            // socket's rx_queue counts connections waiting to be accepted, not bytes).
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 4 && fields[1] == local && fields[3] == "01")
            {
                unread += long.Parse(fields[4].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        return unread;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        DeleteCertificate(_certificatePath);
    }

    private static void DeleteCertificate(string? path)
    {
        if (path is not null)
        {
            File.Delete(path);
        }
    }
}

/// <summary>How a <see cref="ChildApp"/> runs.</summary>
/// <param name="Environment">ASPNETCORE_ENVIRONMENT: "Testing" behaves as Production (HTTPS only, Secure cookies, friendly error pages); "Production" is the real thing.</param>
/// <param name="LoopbackIsProxy">127.0.0.1 is a configured proxy (<c>ForwardedHeaders:KnownProxies</c>), as if a TLS proxy ran on the same host.</param>
/// <param name="Tls">Also listen with TLS on a second port (<see cref="ChildApp.HttpsRoot"/>), as a site that terminates TLS itself.</param>
public sealed record ChildAppOptions(string Environment = "Testing", bool LoopbackIsProxy = true, bool Tls = false);
