using System.Diagnostics.Metrics;
using System.Net;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Tests.Signing;

/// <summary>
/// The live stream's connection caps on the real server (the app in its own process, Kestrel on
/// loopback). Different clients are different loopback source addresses (127.0.0.2, 127.0.0.3, ...),
/// which the app sees as different peers, as it would different phones' addresses.
/// </summary>
public sealed class LiveConnectionLimitTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _databasePath = SiteFactory.NewDatabasePath();
    private readonly List<IDisposable> _open = [];
    private ChildApp? _app;

    [Fact]
    public async Task PerClientCap_RefusesTheNextStreamWith503AndRetryAfter_AndAcceptsAgainOnceOneCloses()
    {
        var app = await StartAsync(new()
        {
            ["Pledge:Live:MaxConnectionsPerClient"] = "3",
            ["Pledge:Live:RefusedRetryAfter"] = "00:00:07",
        });
        using var client = ClientFrom(app, "127.0.0.2");
        var held = new List<OpenStream>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await OpenAsync(client));
        }

        using (var refused = await client.GetAsync("/pledge/live", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
            Assert.Equal("text/event-stream", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("retry: 7000", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The cap is per client: someone else still gets a stream.
        using var other = ClientFrom(app, "127.0.0.3");
        _open.Add(await OpenAsync(other));

        held[0].Dispose();
        await Eventually.TrueAsync(async () => await TryOpenAsync(client) is not null, Patience, "a stream once one of the client's three closed");
    }

    [Fact]
    public async Task GlobalCap_RefusesTheStream_WhilePagesStillAnswer_AndAcceptsAgainAfterStreamsClose()
    {
        var app = await StartAsync(new()
        {
            ["Pledge:Live:MaxConnections"] = "4",
        });
        using var first = ClientFrom(app, "127.0.0.2");
        using var second = ClientFrom(app, "127.0.0.3");
        using var latecomer = ClientFrom(app, "127.0.0.4");
        var held = new List<OpenStream>
        {
            await OpenAsync(first), await OpenAsync(first), await OpenAsync(second), await OpenAsync(second),
        };

        using (var refused = await latecomer.GetAsync("/pledge/live", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
            Assert.Contains("retry: ", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Everything else answers as usual, and the pages carry the count without the stream.
        using var browser = app.CreateClient();
        foreach (var path in new[] { "/", "/pledge", "/health", "/pledge/stats", "/pledge/signatures" })
        {
            using var response = await browser.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode} while the live stream was full.");
            if (path is "/" or "/pledge")
            {
                var html = await response.Content.ReadAsStringAsync();
                Assert.Contains("data-pledge-count>0<", html, StringComparison.Ordinal);
                Assert.Contains("data-live-retry=\"30\"", html, StringComparison.Ordinal);
            }
        }

        foreach (var stream in held)
        {
            stream.Dispose();
        }

        await Eventually.TrueAsync(async () => await TryOpenAsync(latecomer) is not null, Patience, "a stream once the others closed");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var stream in _open)
        {
            stream.Dispose();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }

    private async Task<ChildApp> StartAsync(Dictionary<string, string> settings)
    {
        // Streams come straight from other loopback addresses (not the proxy), so over the app's own TLS.
        _app = await ChildApp.StartAsync(_databasePath, settings, new ChildAppOptions { Tls = true });
        return _app;
    }

    /// <summary>A client whose connections come from <paramref name="sourceAddress"/>, one connection per open stream.</summary>
    private static HttpClient ClientFrom(ChildApp app, string sourceAddress) =>
        app.CreateClientFrom(IPAddress.Parse(sourceAddress), tls: true);

    private async Task<OpenStream> OpenAsync(HttpClient client) =>
        await TryOpenAsync(client) ?? throw new Xunit.Sdk.XunitException("The live stream refused a connection under its caps.");

    /// <summary>Opens a stream and reads its opening count; null if the stream was refused.</summary>
    private async Task<OpenStream?> TryOpenAsync(HttpClient client)
    {
        var response = await client.GetAsync("/pledge/live", HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            response.Dispose();
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync().GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Patience));
        Assert.Equal("count", events.Current.EventType);
        var stream = new OpenStream(response);
        _open.Add(stream);
        return stream;
    }

    private sealed class OpenStream(HttpResponseMessage response) : IDisposable
    {
        /// <summary>Closes the connection: the response was not read to its end, so it is not reused.</summary>
        public void Dispose() => response.Dispose();
    }
}

/// <summary>The caps' bookkeeping, counter and log, without a server.</summary>
public sealed class LiveConnectionLimitsUnitTests
{
    [Fact]
    public void TryAcquire_CountsPerClientAndInAll_AndForgetsAClientOnceItsLastStreamCloses()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var logger = new ListLogger();
        using var limits = Limits(services, logger, perClient: 2, total: 3);
        var refusals = new List<string>();
        using var listener = ListenForRefusals(refusals);

        var a1 = limits.TryAcquire(IPAddress.Parse("192.0.2.1"));
        var a2 = limits.TryAcquire(IPAddress.Parse("192.0.2.1"));
        Assert.Null(limits.TryAcquire(IPAddress.Parse("192.0.2.1")));
        // One IPv6 /64 is one client, as for the signing rate limit.
        var b1 = limits.TryAcquire(IPAddress.Parse("2001:db8::1"));
        Assert.Null(limits.TryAcquire(IPAddress.Parse("2001:db8::2")));
        Assert.NotNull(a1);
        Assert.NotNull(a2);
        Assert.NotNull(b1);
        Assert.Equal(3, limits.Open);
        Assert.Equal((1L, 1L), limits.Refused);
        Assert.Equal(["client_cap", "global_cap"], refusals);

        a1.Dispose();
        a1.Dispose(); // a second release changes nothing
        Assert.Equal(2, limits.Open);
        a2.Dispose();
        b1.Dispose();
        Assert.Equal(0, limits.Open);
        Assert.Equal(0, limits.Clients);

        // Refusals are logged as numbers, never with an address.
        limits.Dispose();
        var line = Assert.Single(logger.Lines);
        Assert.Contains("refused 2 connection(s)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2", line, StringComparison.Ordinal);
        Assert.DoesNotContain("2001:db8", line, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenFileLimit_IsReadFromProcLimits_AndLeavesRoomForPages()
    {
        const string limits = """
            Limit                     Soft Limit           Hard Limit           Units
            Max processes             95704                95704                processes
            Max open files            20000                524288               files
            Max locked memory         8388608              8388608              bytes
            """;
        Assert.Equal(20_000, OpenFileLimit.Parse(limits));
        Assert.Null(OpenFileLimit.Parse("Max open files            unlimited            unlimited            files"));
        Assert.Null(OpenFileLimit.Parse("nothing useful"));

        Assert.Equal(19_488, OpenFileLimit.ServerConnectionsFor(20_000));
        Assert.Equal(OpenFileLimit.LiveConnectionCeiling, OpenFileLimit.LiveConnectionsFor(20_000));
        Assert.Equal(256, OpenFileLimit.LiveConnectionsFor(1024));
        Assert.Equal(512, OpenFileLimit.ServerConnectionsFor(1024));
        foreach (var descriptors in new long[] { 256, 1024, 4096, 20_000, 65_536, 1_048_576 })
        {
            var server = OpenFileLimit.ServerConnectionsFor(descriptors)!.Value;
            var live = OpenFileLimit.LiveConnectionsFor(descriptors);
            Assert.InRange(server, 1, descriptors - 1);
            Assert.InRange(live, 1, OpenFileLimit.MaxAllowedLiveConnectionsFor(descriptors));
            Assert.True(server - live >= Math.Min(OpenFileLimit.MinimumPageHeadroom, server / 2), $"{descriptors}: {live} of {server} leaves too little for pages");
        }

        // This process's limit, as the app reads it at start.
        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(OpenFileLimit.Soft);
        }
    }

    private static LiveConnectionLimits Limits(ServiceProvider services, ILogger<LiveConnectionLimits> logger, int perClient, int total) =>
        new(
            Options.Create(new PledgeOptions { Live = { MaxConnectionsPerClient = perClient, MaxConnections = total } }),
            new TimersThatWait(),
            services.GetRequiredService<IMeterFactory>(),
            logger);

    private static MeterListener ListenForRefusals(List<string> reasons)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == LiveConnectionLimits.MeterName && instrument.Name == "itstopshere.pledge.live.refused")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    lock (reasons)
                    {
                        reasons.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();
        return listener;
    }

    /// <summary>Real time, but timers never fire: what is logged is what <see cref="LiveConnectionLimits.Dispose"/> flushes.</summary>
    private sealed class TimersThatWait : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Idle();

        private sealed class Idle : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    private sealed class ListLogger : ILogger<LiveConnectionLimits>
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}
