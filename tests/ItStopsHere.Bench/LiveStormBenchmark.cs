using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ItStopsHere.Bench;

/// <summary>What the live-storm section measured. Memory is the app's resident set (VmRSS), in bytes.</summary>
public sealed record LiveStormResult(
    int Attempted, int Addresses, int Held, int Refused, int Failed, int OneClientAttempted, int OneClientHeld, double OpenSeconds,
    long RssBefore, long RssPeak, long RssAfter, double AfterSeconds,
    int HomeStatusAtPeak, double HomeMsAtPeak, int HealthStatusAtPeak, bool AcceptedAfter, bool AppAlive);

/// <summary>
/// The penetration test's attack, bounded: N connections to <c>/pledge/live</c> from a few loopback
/// addresses (127.0.0.2, 127.0.0.3, ..., so the app sees several clients), with the app's default
/// limits. First one client opens a tenth of them (the per-client cap's turn), then the others share the
/// rest in turn (the global cap's). It counts the streams held and refused, asks for the home page and <c>/health</c> while they
/// are open, closes them all, and reads the app's resident memory before, at the peak and after. It stops
/// by itself: the count is fixed and bounded by this process's own open-file limit.
/// </summary>
public static class LiveStormBenchmark
{
    private const int Wave = 250;

    public static async Task<LiveStormResult> RunAsync(BenchOptions options, ulong openFiles, string work)
    {
        // This process holds one socket per connection too, and needs some descriptors of its own.
        var attempted = (int)Math.Min((ulong)options.StormConnections, openFiles > 2048 ? openFiles - 1024 : 1024);
        var addresses = Math.Clamp(options.StormAddresses, 1, 250);
        var app = await AppProcess.StartAsync("storm", new Dictionary<string, string>(), work);
        try
        {
            using var page = new HttpClient { BaseAddress = app.Root, Timeout = TimeSpan.FromSeconds(60) };
            // Warm the pages and the stream first, so "before" is a running site, not a cold one.
            for (var i = 0; i < 20; i++)
            {
                (await page.GetAsync("/")).Dispose();
                (await page.GetAsync("/pledge")).Dispose();
                using var warm = await page.GetAsync("/pledge/live", HttpCompletionOption.ResponseHeadersRead);
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
            var before = app.ResidentBytes();
            Console.WriteLine($"  app resident memory before: {Mb(before)}; opening {attempted:N0} streams from {addresses} addresses");

            var clients = Enumerable.Range(2, addresses).Select(n => ClientFrom(app.Root, $"127.0.0.{n}")).ToArray();
            var held = new List<HttpResponseMessage>(attempted);
            var refused = 0;
            var failed = 0;
            var peak = before;
            // The first tenth from the first address alone; the rest from the others in turn.
            var oneClient = addresses > 1 ? attempted / 10 : attempted;
            var oneClientHeld = 0;
            HttpClient ClientFor(int i) => i < oneClient ? clients[0] : clients[1 + ((i - oneClient) % (addresses - 1))];
            var clock = Stopwatch.StartNew();
            for (var start = 0; start < attempted;)
            {
                // A wave never straddles the end of the first client's share.
                var count = Math.Min(Wave, attempted - start);
                if (start < oneClient)
                {
                    count = Math.Min(count, oneClient - start);
                }

                var wave = Enumerable.Range(start, count).Select(async i =>
                {
                    try
                    {
                        return await ClientFor(i).GetAsync("/pledge/live", HttpCompletionOption.ResponseHeadersRead);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return null;
                    }
                });
                foreach (var response in await Task.WhenAll(wave))
                {
                    if (response is null)
                    {
                        failed++;
                    }
                    else if (response.StatusCode == HttpStatusCode.OK)
                    {
                        held.Add(response);
                        oneClientHeld += start < oneClient ? 1 : 0;
                    }
                    else
                    {
                        refused++;
                        response.Dispose();
                    }
                }

                peak = Math.Max(peak, app.ResidentBytes());
                start += count;
            }

            var openSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"  {held.Count:N0} held, {refused:N0} refused, {failed:N0} failed in {openSeconds:0.0} s; " +
                $"of them from the first address alone: {oneClientHeld:N0} of {oneClient:N0} held");

            // While they are all open: does the site still answer?
            var (homeStatus, homeMs) = await TimedGetAsync(page, "/");
            var (healthStatus, _) = await TimedGetAsync(page, "/health");
            await Task.Delay(TimeSpan.FromSeconds(2));
            peak = Math.Max(peak, app.ResidentBytes());
            Console.WriteLine($"  at the peak: GET / {homeStatus} in {homeMs:0} ms, GET /health {healthStatus}; resident memory {Mb(peak)}");

            foreach (var response in held)
            {
                response.Dispose();
            }

            foreach (var client in clients)
            {
                client.Dispose();
            }

            // Memory after: sampled for a while, as the runtime gives memory back in its own time.
            var alive = app.IsRunning;
            var after = alive ? app.ResidentBytes() : 0;
            var afterClock = Stopwatch.StartNew();
            while (alive && afterClock.Elapsed < TimeSpan.FromSeconds(options.StormSettleSeconds))
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                after = app.ResidentBytes();
                if ((int)afterClock.Elapsed.TotalSeconds % 5 == 0)
                {
                    Console.WriteLine($"    {afterClock.Elapsed.TotalSeconds:0} s after closing: {Mb(after)}");
                }
            }

            var acceptedAfter = false;
            if (alive)
            {
                using var again = ClientFrom(app.Root, "127.0.0.2");
                using var response = await again.GetAsync("/pledge/live", HttpCompletionOption.ResponseHeadersRead);
                acceptedAfter = response.StatusCode == HttpStatusCode.OK;
            }

            Console.WriteLine($"  after closing them and {afterClock.Elapsed.TotalSeconds:0} s: resident memory {Mb(after)}; a new stream {(acceptedAfter ? "is accepted" : "is NOT accepted")}");
            return new LiveStormResult(attempted, addresses, held.Count, refused, failed, oneClient, oneClientHeld, openSeconds, before, peak, after,
                afterClock.Elapsed.TotalSeconds, homeStatus, homeMs, healthStatus, acceptedAfter, alive && app.IsRunning);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    public static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0} MB");

    private static async Task<(int Status, double Ms)> TimedGetAsync(HttpClient client, string path)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.GetAsync(path);
            return ((int)response.StatusCode, clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (0, clock.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>A client whose connections come from <paramref name="sourceAddress"/>: to the app, its own peer.</summary>
    private static HttpClient ClientFrom(Uri root, string sourceAddress) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(sourceAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = root,
            Timeout = TimeSpan.FromSeconds(30),
        };
}
