using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ItStopsHere.Tests.Signing;

/// <summary>
/// The live count across instances on a real PostgreSQL (issue 14): two "instances" (each its own feed,
/// live hub and <see cref="PledgeChangeListener"/> with its own connections) on one database, and changes
/// committed the way any instance's writer, moderation or retention commits them (the change-log triggers
/// see every path). PostgreSQL only: tests/test.sh runs them in its PostgreSQL run.
/// </summary>
[Trait("Provider", "PostgreSqlOnly")]
public sealed class PledgeChangeListenerTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _databasePath = SiteFactory.NewDatabasePath();
    private readonly List<Instance> _instances = [];
    private string _connectionString = "";

    public Task InitializeAsync()
    {
        Assert.True(TestDatabase.IsPostgreSql, $"Run with {TestDatabase.ProviderVariable}=PostgreSQL (tests/test.sh does).");
        _connectionString = TestDatabase.ConnectionStringFor(_databasePath);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        TestDatabase.Drop(_databasePath);
    }

    [Fact]
    public async Task SignedOnA_ReachesALiveClientOnB_WithTheLogIdAsEventId()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        await using var onB = Client.Open(b.Hub, null);
        await onB.NextAsync("count");

        await PublishAsync(1, "Ada Example");
        // A's writer, having committed, tells its feed: A reads the log at once, before it answers the signer.
        a.Feed.Apply([], 0);
        Assert.Equal(1, a.Feed.Current.Total);

        var signature = await onB.NextAsync("signature");
        Assert.Equal(1, JsonDocument.Parse(signature.Data).RootElement.GetProperty("number").GetInt64());
        Assert.Equal(await MaxLogIdAsync(), signature.Id);
        await onB.NextCountAsync(1);
        Assert.Equal(1, b.Feed.Current.Total);
        Assert.Equal(await PublishedRowsAsync(), a.Feed.Current.Total);
        Assert.Equal(await PublishedRowsAsync(), b.Feed.Current.Total);
    }

    [Fact]
    public async Task ClientMovedFromAToB_WithItsLastEventId_SeesEachEventOnce()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        var seen = new List<long>();
        long lastId;
        await using (var onA = Client.Open(a.Hub, null))
        {
            await onA.NextAsync("count");
            for (var n = 1; n <= 3; n++)
            {
                await PublishAsync(n, $"Person {n} Example");
                a.Feed.Apply([], 0);
            }

            while (seen.Count < 3)
            {
                var e = await onA.NextAsync("signature");
                seen.Add(Number(e));
            }

            lastId = (await onA.NextCountAsync(3)).Id;
        }

        // More signatures while the browser is away; it comes back on B with the id A gave it.
        for (var n = 4; n <= 6; n++)
        {
            await PublishAsync(n, $"Person {n} Example");
        }

        await WaitUntilAsync(() => b.Listener.Through >= lastId + 3);
        await using (var onB = Client.Open(b.Hub, lastId.ToString(CultureInfo.InvariantCulture)))
        {
            while (seen.Count < 6)
            {
                seen.Add(Number(await onB.NextAsync("signature")));
            }

            await onB.NextCountAsync(6);
        }

        Assert.Equal([1, 2, 3, 4, 5, 6], seen);
    }

    [Fact]
    public async Task ClientMovedToAnInstanceThatIsBehind_GetsOnlyTheEventsAfterItsId()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        // B stops hearing notifications (as if its listener were slow): it is now behind A.
        await b.Listener.StopAsync(CancellationToken.None);
        var seen = new List<long>();
        long lastId;
        await using (var onA = Client.Open(a.Hub, null))
        {
            await onA.NextAsync("count");
            await PublishAsync(1, "Ada Example");
            await PublishAsync(2, "Ben Example");
            a.Feed.Apply([], 0);
            while (seen.Count < 2)
            {
                seen.Add(Number(await onA.NextAsync("signature")));
            }

            lastId = (await onA.NextCountAsync(2)).Id;
        }

        await using var onB = Client.Open(b.Hub, lastId.ToString(CultureInfo.InvariantCulture));
        await PublishAsync(3, "Cy Example");
        // B catches up (its own writer's next commit does this): 1 and 2 are not sent again, 3 is.
        b.Feed.Apply([], 0);
        seen.Add(Number(await onB.NextAsync("signature")));
        await onB.NextCountAsync(3);
        Assert.Equal([1, 2, 3], seen);
    }

    [Fact]
    public async Task ClientWithAnIdFromBeforePostgreSql_GetsAResetNotSilence()
    {
        var b = await StartAsync();
        await PublishAsync(1, "Ada Example");
        await WaitUntilAsync(() => b.Feed.Current.Total == 1);

        // On SQLite the ids came from the clock: a page left open across the move carries one of those.
        await using var old = Client.Open(b.Hub, (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000).ToString(CultureInfo.InvariantCulture));

        var reset = await old.NextAsync("reset");
        Assert.Equal(1, JsonDocument.Parse(reset.Data).RootElement.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task HiddenOnA_IsRemovedFromBsLiveClients()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        await PublishAsync(1, "Ada Example");
        await PublishAsync(2, "Ben Example");
        await WaitUntilAsync(() => b.Feed.Current.Total == 2);
        await using var onB = Client.Open(b.Hub, null);
        await onB.NextAsync("count");

        // A moderator on A hides signature 2.
        await ExecuteAsync("""UPDATE "Signatures" SET "Status" = 2 WHERE "Number" = 2""");
        a.Feed.Apply([], 0);
        Assert.Equal(1, a.Feed.Current.Total);

        var removed = await onB.NextAsync("removed");
        Assert.Equal(2, Number(removed));
        await onB.NextCountAsync(1);
        Assert.DoesNotContain(b.Feed.Current.Latest, s => s.Number == 2);
        Assert.Equal(await PublishedRowsAsync(), b.Feed.Current.Total);
    }

    [Fact]
    public async Task ListenerKilledByTheServer_ReconnectsAndCatchesUp_KeepingItsClients()
    {
        await StartAsync();
        var b = await StartAsync();
        await using var onB = Client.Open(b.Hub, null);
        await onB.NextAsync("count");
        await WaitUntilAsync(async () => await ListenerPidAsync(b) is not null);
        var pid = await ListenerPidAsync(b);

        await ExecuteAsync($"SELECT pg_terminate_backend({pid})");
        // Committed while B's listener may be down: it must still arrive, from the log.
        await PublishAsync(1, "Ada Example");

        Assert.Equal(1, Number(await onB.NextAsync("signature")));
        await onB.NextCountAsync(1);
        await WaitUntilAsync(async () => await ListenerPidAsync(b) is { } again && again != pid);
        await PublishAsync(2, "Ben Example");
        Assert.Equal(2, Number(await onB.NextAsync("signature")));
        Assert.Equal(2, b.Feed.Current.Total);
    }

    [Fact]
    public async Task LogPrunedPastAnInstance_ItReloadsTheFeedFromTheTables()
    {
        await StartAsync();
        var b = await StartAsync();
        await using var onB = Client.Open(b.Hub, null);
        await onB.NextAsync("count");
        // B is away (its listener stopped) while rows are written and pruned from the log.
        await b.Listener.StopAsync(CancellationToken.None);
        await PublishAsync(1, "Ada Example");
        await PublishAsync(2, "Ben Example");
        await ExecuteAsync("""DELETE FROM "PledgeChanges" """);
        await PublishAsync(3, "Cy Example");

        b.Listener.CatchUpOrReload();

        Assert.Equal(3, b.Feed.Current.Total);
        Assert.Equal([3, 2, 1], b.Feed.Current.Latest.Select(s => s.Number));
        Assert.Equal(await MaxLogIdAsync(), b.Listener.Through);
        await onB.NextCountAsync(3);
    }

    [Fact]
    public async Task OneTransaction_SendsOneNotification_CarryingItsHighestLogId()
    {
        await using var listening = new NpgsqlConnection(_connectionString);
        await listening.OpenAsync();
        var payloads = new List<string>();
        listening.Notification += (_, e) => payloads.Add(e.Payload);
        await using (var listen = new NpgsqlCommand("LISTEN pledge_changes", listening))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var values = string.Join(", ", Enumerable.Range(1, 50).Select(n => $"({n}, 1, 0, 'Person {n} Example', 1, 0, 1764750000000)"));
        await ExecuteAsync($"""
            BEGIN;
            INSERT INTO "Signatures" ("Number", "Status", "SignatoryType", "Name", "Actions", "NameDisplay", "SignedAt") VALUES {values};
            UPDATE "Signatures" SET "Status" = 2 WHERE "Number" = 7;
            INSERT INTO "OfflinePledges" ("Count", "CollectedOn", "Location", "RecordedAt", "RecordedBy") VALUES (12, '2026-12-01', 'Strand stall', 0, 'moderator');
            COMMIT;
            """);
        while (await listening.WaitAsync(TimeSpan.FromSeconds(2)))
        {
        }

        // 50 published, 1 taken down, 1 offline: 52 rows, one notification.
        Assert.Equal(52, await ScalarAsync("""SELECT count(*) FROM "PledgeChanges" """));
        Assert.Equal([(await MaxLogIdAsync()).ToString(CultureInfo.InvariantCulture)], payloads);
    }

    [Fact]
    public async Task ErasedSignature_LeavesNoNameInTheLog()
    {
        await PublishAsync(1, "Ada Example");
        await ExecuteAsync("""UPDATE "Signatures" SET "Status" = 2 WHERE "Number" = 1""");
        await ExecuteAsync("""DELETE FROM "Signatures" WHERE "Number" = 1""");

        Assert.Equal(2, await ScalarAsync("""SELECT count(*) FROM "PledgeChanges" """));
        Assert.Equal(0, await ScalarAsync("""SELECT count(*) FROM "PledgeChanges" WHERE "Name" <> '' OR "Detail" IS NOT NULL"""));
    }

    private static long Number(Event e) => JsonDocument.Parse(e.Data).RootElement.GetProperty("number").GetInt64();

    private async Task<Instance> StartAsync()
    {
        var instance = new Instance(_connectionString);
        _instances.Add(instance);
        await instance.StartAsync();
        return instance;
    }

    private Task PublishAsync(long number, string name) => ExecuteAsync($"""
        INSERT INTO "Signatures" ("Number", "Status", "SignatoryType", "Name", "Actions", "NameDisplay", "SignedAt")
        VALUES ({number}, 1, 0, '{name}', 1, 0, 1764750000000)
        """);

    private async Task<int?> ListenerPidAsync(Instance instance)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", instance.Listener.ApplicationName);
        return await command.ExecuteScalarAsync() as int?;
    }

    private async Task<long> MaxLogIdAsync() => await ScalarAsync("""SELECT coalesce(max("Id"), 0) FROM "PledgeChanges" """);

    private async Task<long> PublishedRowsAsync() => await ScalarAsync("""SELECT count(*) FROM "Signatures" WHERE "Status" = 1""");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>One instance's live parts: its own feed, hub and listener, as the app wires them.</summary>
    private sealed class Instance : IAsyncDisposable
    {
        private readonly ApplicationLifetime _lifetime = new(NullLogger<ApplicationLifetime>.Instance);

        public Instance(string connectionString)
        {
            var options = Options.Create(new PledgeOptions { Live = { MinBroadcastInterval = TimeSpan.FromMilliseconds(50) } });
            Hub = new PledgeLiveHub(options, TimeProvider.System, _lifetime, NullLogger<PledgeLiveHub>.Instance);
            Feed = new PledgeFeed(Hub, options, TimeProvider.System);
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection([new("ConnectionStrings:Default", connectionString), new("Database:Provider", "PostgreSQL")])
                .Build();
            Listener = new PledgeChangeListener(configuration, Feed, new JobLock(configuration, NullLogger<JobLock>.Instance), options, NullLogger<PledgeChangeListener>.Instance)
            {
                PollInterval = TimeSpan.FromSeconds(1),
            };
        }

        public PledgeLiveHub Hub { get; }

        public PledgeFeed Feed { get; }

        public PledgeChangeListener Listener { get; }

        public async Task StartAsync()
        {
            await Hub.StartAsync(CancellationToken.None);
            await Listener.StartAsync(CancellationToken.None);
        }

        public async ValueTask DisposeAsync()
        {
            _lifetime.StopApplication();
            await Listener.StopAsync(CancellationToken.None);
            await Hub.StopAsync(CancellationToken.None);
            Listener.Dispose();
            Hub.Dispose();
        }
    }

    private sealed record Event(string Type, long Id, string Data);

    /// <summary>A client of one instance's hub, its Server-Sent Events parsed as they arrive.</summary>
    private sealed class Client : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Channel<Event> _events = Channel.CreateUnbounded<Event>();
        private readonly Task _reading;

        private Client(PledgeLiveHub hub, string? lastEventId)
        {
            _reading = ReadAsync(hub.Subscribe(lastEventId, _stop.Token));
        }

        public static Client Open(PledgeLiveHub hub, string? lastEventId) => new(hub, lastEventId);

        public async Task<Event> NextAsync(string type)
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync().AsTask().WaitAsync(Patience);
                if (next.Type == type)
                {
                    return next;
                }
            }
        }

        public async Task<Event> NextCountAsync(long expected)
        {
            while (true)
            {
                var count = await NextAsync("count");
                if (JsonDocument.Parse(count.Data).RootElement.GetProperty("count").GetInt64() == expected)
                {
                    return count;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _reading;
            _stop.Dispose();
        }

        private async Task ReadAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> frames)
        {
            await foreach (var frame in frames)
            {
                foreach (var block in Encoding.UTF8.GetString(frame.Span).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
                {
                    string type = "", data = "";
                    long id = 0;
                    foreach (var line in block.Split('\n'))
                    {
                        if (line.StartsWith("event: ", StringComparison.Ordinal))
                        {
                            type = line[7..];
                        }
                        else if (line.StartsWith("id: ", StringComparison.Ordinal))
                        {
                            id = long.Parse(line[4..], CultureInfo.InvariantCulture);
                        }
                        else if (line.StartsWith("data: ", StringComparison.Ordinal))
                        {
                            data = line[6..];
                        }
                    }

                    _events.Writer.TryWrite(new Event(type, id, data));
                }
            }
        }
    }
}
