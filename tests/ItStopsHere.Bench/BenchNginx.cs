using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ItStopsHere.Tests.Support;

namespace ItStopsHere.Bench;

/// <summary>
/// Debian's nginx as a child process on loopback, in front of the app instances: the upstream of
/// <c>deploy/nginx/itstopshere.conf</c> (one <c>server</c> line per instance, <c>least_conn</c>,
/// <c>keepalive 32</c>) and its proxy headers, with everything nginx writes in a temp folder. Unlike the
/// deployment tests it listens on plain HTTP and says <c>X-Forwarded-Proto: https</c> itself, as a TLS
/// proxy would: the benchmark's clients talk to the single instance without TLS, so the comparison
/// leaves TLS out on both sides (its cost is nginx's in production either way, for one instance or many).
/// </summary>
public sealed class BenchNginx : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private BenchNginx(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Root = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Root { get; }

    /// <summary>The master's process id: its workers are its children (for <see cref="CpuMeter.TreeSeconds"/>).</summary>
    public int ProcessId => _process.Id;

    public static async Task<BenchNginx> StartAsync(IEnumerable<Uri> instances, string work)
    {
        var nginx = new[] { Environment.GetEnvironmentVariable("NGINX_PATH"), "/usr/sbin/nginx", "/usr/bin/nginx" }
            .FirstOrDefault(p => !string.IsNullOrWhiteSpace(p) && File.Exists(p))
            ?? throw new InvalidOperationException("nginx is not installed: apt-get install -y nginx (or set NGINX_PATH).");
        var folder = Path.Combine(work, "nginx-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var port = AppProcessCore.FreePort();
        var servers = string.Join("\n", instances.Select(u => $"        server 127.0.0.1:{u.Port} max_fails=3 fail_timeout=10s;"));
        var config = $$"""
            worker_processes auto;
            worker_rlimit_nofile 65536;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 32768; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                upstream itstopshere_app {
            {{servers}}
                    least_conn;
                    keepalive 32;
                }
                server {
                    listen 127.0.0.1:{{port}} backlog=4096;
                    client_max_body_size 64k;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $remote_addr;
                    proxy_set_header X-Forwarded-Proto https;
                    proxy_set_header X-Forwarded-Host "";
                    proxy_set_header X-Real-IP "";
                    proxy_set_header Forwarded "";
                    proxy_connect_timeout 5s;
                    proxy_next_upstream error timeout;
                    proxy_next_upstream_tries 2;
                    location / {
                        proxy_pass http://itstopshere_app;
                    }
                    location = /pledge/live {
                        proxy_pass http://itstopshere_app;
                        proxy_buffering off;
                        proxy_read_timeout 24h;
                    }
                }
            }
            """;
        var configFile = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(configFile, config);
        var start = new ProcessStartInfo(nginx) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", folder, "-c", configFile, "-e", Path.Combine(folder, "error.log"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nginx.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new BenchNginx(process, folder, port);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                string said;
                lock (output)
                {
                    said = output.ToString();
                }

                await proxy.DisposeAsync();
                throw new InvalidOperationException($"nginx exited at start ({process.ExitCode.ToString(CultureInfo.InvariantCulture)}):\n{said}\n{config}");
            }

            if (await AcceptsAsync(port))
            {
                return proxy;
            }

            await Task.Delay(100);
        }

        await proxy.DisposeAsync();
        throw new TimeoutException("nginx did not listen within 30 s.");
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // The master and its workers: the workers outlive a master killed alone.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Harmless: the next run uses a new folder.
        }
    }
}
