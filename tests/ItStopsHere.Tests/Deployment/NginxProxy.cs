using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ItStopsHere.Tests.Support;

namespace ItStopsHere.Tests.Deployment;

/// <summary>
/// Debian's nginx as a child process, running the repository's site file <c>deploy/nginx/itstopshere.conf</c>
/// with only what a test machine needs changed: loopback ports instead of 80 and 443, a self-signed
/// certificate made here instead of the placeholders, the app's port, and everything nginx writes (pid,
/// logs, temporary bodies) in a temp folder, so it runs without root paths. Two test-only additions:
/// <c>proxy_bind 127.0.0.2</c>, so the app can tell nginx (a known proxy) from a client on 127.0.0.1 that
/// is not, and <c>proxy_ignore_headers X-Accel-Buffering</c>, so that the stream is unbuffered because of
/// the file's <c>proxy_buffering off</c> and not merely because the app asks for it.
/// In front of several instances (<see cref="StartAsync(IReadOnlyList{int})"/>) the upstream has one
/// <c>server</c> line per instance, as README "nginx in front of several instances" writes it, and every
/// answer carries a test-only <c>X-Upstream</c> header (<c>$upstream_addr</c>): which instance served it,
/// or, when nginx tried one and then another, both.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    /// <summary>The address nginx connects to the app from (<c>ForwardedHeaders:KnownProxies</c>).</summary>
    public static readonly IPAddress ProxyAddress = IPAddress.Parse("127.0.0.2");

    /// <summary>
    /// The site file's server_name, sent as the Host by every client (as a browser would): the app leaves
    /// HSTS off for 127.0.0.1 and localhost, so a loopback Host would hide it.
    /// </summary>
    public const string SiteName = "itstopshere.example.ac.uk";

    private readonly Process _process;
    private readonly string _folder;
    private readonly byte[] _certificate;

    private NginxProxy(Process process, string folder, byte[] certificate, int httpPort, int httpsPort)
    {
        _process = process;
        _folder = folder;
        _certificate = certificate;
        HttpRoot = new Uri($"http://127.0.0.1:{httpPort}/");
        HttpsRoot = new Uri($"https://127.0.0.1:{httpsPort}/");
    }

    public Uri HttpRoot { get; }

    public Uri HttpsRoot { get; }

    public string ErrorLog => ReadShared(Path.Combine(_folder, "error.log"));

    /// <summary>Debian's nginx: <c>NGINX_PATH</c>, else on the PATH or in /usr/sbin. Null when there is none.</summary>
    public static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("NGINX_PATH");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin");
        return path.Select(dir => Path.Combine(dir, "nginx")).FirstOrDefault(File.Exists);
    }

    public static string SiteFile => Path.Combine(AppProcessCore.RepositoryRoot(), "deploy", "nginx", "itstopshere.conf");

    /// <summary>The header that says which instance answered (<see cref="StartAsync(IReadOnlyList{int})"/>).</summary>
    public const string UpstreamHeader = "X-Upstream";

    public static Task<NginxProxy> StartAsync(int appPort) => StartAsync([appPort]);

    /// <summary>nginx in front of the app instances listening on 127.0.0.1 at <paramref name="appPorts"/>.</summary>
    public static async Task<NginxProxy> StartAsync(IReadOnlyList<int> appPorts)
    {
        var nginx = Locate() ?? throw new InvalidOperationException(
            "nginx is not installed, and the deployment tests need Debian's nginx: run `bash tests/test.sh` (it installs it) "
            + "or `apt-get install -y nginx`, or set NGINX_PATH.");
        var folder = Path.Combine(Path.GetTempPath(), "itstopshere-tests", "nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var httpPort = AppProcessCore.FreePort();
        var httpsPort = AppProcessCore.FreePort();
        var certificate = WriteSelfSignedCertificate(folder);

        var site = GenerateSite(await File.ReadAllTextAsync(SiteFile), appPorts, httpPort, httpsPort, folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "site.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), MainConfig(folder));

        var start = new ProcessStartInfo(nginx)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nginx.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new NginxProxy(process, folder, certificate, httpPort, httpsPort);

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                string said;
                lock (output)
                {
                    said = output.ToString();
                }

                throw new InvalidOperationException($"nginx exited at start ({process.ExitCode}):\n{said}\n{proxy.ErrorLog}\nConfiguration:\n{site}");
            }

            if (await AcceptsAsync(httpsPort) && await AcceptsAsync(httpPort))
            {
                return proxy;
            }

            await Task.Delay(100);
        }

        await proxy.DisposeAsync();
        throw new TimeoutException($"nginx did not listen within 30 s:\n{proxy.ErrorLog}");
    }

    /// <summary>
    /// The site file as it is, with the production-only parts swapped. Each swap must find its text, so a
    /// change to the file that the test no longer covers fails here instead of testing something else.
    /// </summary>
    public static string GenerateSite(string site, IReadOnlyList<int> appPorts, int httpPort, int httpsPort, string folder)
    {
        ArgumentOutOfRangeException.ThrowIfZero(appPorts.Count);
        site = Swap(site, "server 127.0.0.1:5000;", appPorts.Count == 1
            ? $"server 127.0.0.1:{appPorts[0]};"
            // README "nginx in front of several instances": one line per instance, each set aside for a while after failing.
            : string.Join("\n    ", appPorts.Select(port => $"server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;")));
        site = Swap(site, "listen 80;", $"listen 127.0.0.1:{httpPort};");
        site = Swap(site, "listen [::]:80;", "");
        site = Swap(site, "listen 443 ssl http2;", $"listen 127.0.0.1:{httpsPort} ssl http2;");
        site = Swap(site, "listen [::]:443 ssl http2;", "");
        site = Swap(site, "/etc/ssl/itstopshere/fullchain.pem;", Path.Combine(folder, "cert.pem") + ";");
        site = Swap(site, "/etc/ssl/itstopshere/privkey.pem;", Path.Combine(folder, "key.pem") + ";");
        // Test-only additions, in the HTTPS server (the one that proxies), before its first location.
        var upstreamHeader = appPorts.Count > 1 ? $"    add_header {UpstreamHeader} $upstream_addr always;\n" : "";
        site = Swap(site, "    location / {",
            $"    proxy_bind {ProxyAddress};\n    proxy_ignore_headers X-Accel-Buffering;\n{upstreamHeader}\n    location / {{");
        return site;
    }

    private static string Swap(string text, string from, string to)
    {
        var count = 0;
        for (var at = text.IndexOf(from, StringComparison.Ordinal); at >= 0; at = text.IndexOf(from, at + from.Length, StringComparison.Ordinal))
        {
            count++;
        }

        Assert.True(count == 1, $"deploy/nginx/itstopshere.conf should contain \"{from}\" once (found {count}); update NginxProxy.GenerateSite with it.");
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>The parts of Debian's /etc/nginx/nginx.conf that the site file relies on, with paths in the temp folder.</summary>
    private static string MainConfig(string folder) => $$"""
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        error_log {{folder}}/error.log info;
        events { worker_connections 256; }
        http {
            sendfile on;
            tcp_nopush on;
            types_hash_max_size 2048;
            include /etc/nginx/mime.types;
            default_type application/octet-stream;
            ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
            ssl_prefer_server_ciphers on;
            access_log {{folder}}/access.log;
            gzip on;
            client_body_temp_path {{folder}}/client_body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;
            include {{folder}}/site.conf;
        }
        """;

    private static byte[] WriteSelfSignedCertificate(string folder)
    {
        using var certificate = Loopback.CreateCertificate();
        using var key = certificate.GetRSAPrivateKey()!;
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate.RawData;
    }

    /// <summary>
    /// A browser behind nginx, connecting from <paramref name="from"/> (any 127.x address), trusting only
    /// the test's certificate, speaking <paramref name="version"/>. Cookies are kept by hand; no redirects
    /// are followed and nothing is decompressed, so the test sees what nginx sent.
    /// </summary>
    public HttpClient CreateClient(IPAddress from, Version? version = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = Loopback.ConnectFrom(from),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(_certificate),
            },
        };
        var client = new HttpClient(handler)
        {
            BaseAddress = HttpsRoot,
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestVersion = version ?? HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        client.DefaultRequestHeaders.Host = SiteName;
        return client;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // The master and its worker: nginx's workers outlive a master killed alone.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the next run uses a new name.
        }
        catch (UnauthorizedAccessException)
        {
            // nginx's workers may have made temp folders as another user; harmless.
        }
    }
}
