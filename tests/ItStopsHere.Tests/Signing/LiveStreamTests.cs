using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Signing;

public sealed class LiveStreamTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly PledgeSiteFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Live_WithoutLastEventId_StartsWithCurrentCountAsServerSentEvents()
    {
        await _factory.Writer().AddAsync(PledgeTestData.Signature("first@example.ac.uk"), CancellationToken.None);
        using var stream = await LiveStream.OpenAsync(_factory.CreateClient(), null);

        Assert.Equal("text/event-stream", stream.ContentType);
        var first = await stream.NextAsync(Patience);
        Assert.Equal("count", first.EventType);
        Assert.Equal(1, JsonDocument.Parse(first.Data).RootElement.GetProperty("count").GetInt64());
        Assert.False(string.IsNullOrEmpty(stream.LastEventId));
    }

    [Fact]
    public async Task Live_NewSignature_IsDeliveredWithPublicFieldsOnly()
    {
        using var stream = await LiveStream.OpenAsync(_factory.CreateClient(), null);
        await stream.NextAsync(Patience); // the opening count

        var client = _factory.CreateBrowserLikeClient();
        using (await client.SignAsync(PledgeTestData.ValidForm("live.person@example.ac.uk", "Livia Example"))) { }

        var signature = await stream.NextOfTypeAsync("signature", Patience);
        var data = JsonDocument.Parse(signature.Data).RootElement;
        Assert.Equal(1, data.GetProperty("number").GetInt64());
        Assert.Equal("Livia E.", data.GetProperty("name").GetString());
        Assert.Equal("Student, MSc Nursing", data.GetProperty("description").GetString());
        Assert.DoesNotContain("@", signature.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("email", signature.Data, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", signature.Data, StringComparison.OrdinalIgnoreCase);
        var count = await stream.NextOfTypeAsync("count", Patience);
        Assert.Equal(1, JsonDocument.Parse(count.Data).RootElement.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Live_ReconnectWithLastEventId_ReplaysOnlyWhatWasMissed()
    {
        var writer = _factory.Writer();
        string afterFirst;
        using (var stream = await LiveStream.OpenAsync(_factory.CreateClient(), null))
        {
            await stream.NextAsync(Patience);
            await writer.AddAsync(PledgeTestData.Signature("one@example.ac.uk", "Ona Example"), CancellationToken.None);
            var first = await stream.NextOfTypeAsync("signature", Patience);
            Assert.Contains("Ona Example", first.Data, StringComparison.Ordinal);
            afterFirst = stream.LastEventId!;
        }

        // While disconnected:
        await writer.AddAsync(PledgeTestData.Signature("two@example.ac.uk", "Twyla Example"), CancellationToken.None);
        await writer.AddAsync(PledgeTestData.Signature("three@example.ac.uk", "Thea Example"), CancellationToken.None);

        using var resumed = await LiveStream.OpenAsync(_factory.CreateClient(), afterFirst);
        var replayed = new List<SseItem<string>>();
        while (replayed.Count(e => e.EventType == "signature") < 2)
        {
            replayed.Add(await resumed.NextAsync(Patience));
        }

        var names = replayed.Where(e => e.EventType == "signature").Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Twyla Example", "Thea Example"], names);
        var count = await resumed.NextOfTypeAsync("count", Patience);
        Assert.Equal(3, JsonDocument.Parse(count.Data).RootElement.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Live_AfterQueryParameter_WorksLikeLastEventId()
    {
        var hub = (PledgeLiveHub)_factory.Services.GetService(typeof(PledgeLiveHub))!;
        var before = hub.LastEventId;
        await _factory.Writer().AddAsync(PledgeTestData.Signature("query@example.ac.uk", "Quinn Example"), CancellationToken.None);

        using var stream = await LiveStream.OpenAsync(_factory.CreateClient(), null, "?after=" + before);

        var signature = await stream.NextOfTypeAsync("signature", Patience);
        Assert.Contains("Quinn Example", signature.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_WithUnknownOldEventId_GetsResetWithCurrentState()
    {
        await _factory.Writer().AddAsync(PledgeTestData.Signature("reset@example.ac.uk", "Rey Example"), CancellationToken.None);

        using var stream = await LiveStream.OpenAsync(_factory.CreateClient(), "12345");

        var reset = await stream.NextAsync(Patience);
        Assert.Equal("reset", reset.EventType);
        var data = JsonDocument.Parse(reset.Data).RootElement;
        Assert.Equal(1, data.GetProperty("count").GetInt64());
        Assert.Equal("Rey Example", data.GetProperty("signatures")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Live_HiddenSignature_SendsRemovedAndLowerCount()
    {
        var writer = _factory.Writer();
        var added = await writer.AddAsync(PledgeTestData.Signature("hide.me@example.ac.uk", "Hyde Example"), CancellationToken.None);
        using var stream = await LiveStream.OpenAsync(_factory.CreateClient(), null);
        await stream.NextAsync(Patience);

        await writer.ChangeStatusAsync([added.SignatureId!.Value], SignatureStatus.Hidden);

        var removed = await stream.NextOfTypeAsync("removed", Patience);
        Assert.Equal(added.Number, JsonDocument.Parse(removed.Data).RootElement.GetProperty("number").GetInt64());
        var count = await stream.NextOfTypeAsync("count", Patience);
        Assert.Equal(0, JsonDocument.Parse(count.Data).RootElement.GetProperty("count").GetInt64());
    }

    /// <summary>An open /pledge/live response, read event by event.</summary>
    private sealed class LiveStream : IDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly SseParser<string> _parser;
        private readonly IAsyncEnumerator<SseItem<string>> _events;

        private LiveStream(HttpResponseMessage response, Stream body)
        {
            _response = response;
            _parser = SseParser.Create(body);
            _events = _parser.EnumerateAsync().GetAsyncEnumerator();
        }

        public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

        public string? LastEventId => _parser.LastEventId;

        public static async Task<LiveStream> OpenAsync(HttpClient client, string? lastEventId, string query = "")
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/pledge/live" + query);
            if (lastEventId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastEventId);
            }

            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return new LiveStream(response, await response.Content.ReadAsStreamAsync());
        }

        public async Task<SseItem<string>> NextAsync(TimeSpan patience)
        {
            while (true)
            {
                var moved = await _events.MoveNextAsync().AsTask().WaitAsync(patience);
                Assert.True(moved, "The live stream ended.");
                if (_events.Current.EventType != "heartbeat")
                {
                    return _events.Current;
                }
            }
        }

        public async Task<SseItem<string>> NextOfTypeAsync(string type, TimeSpan patience)
        {
            while (true)
            {
                var item = await NextAsync(patience);
                if (item.EventType == type)
                {
                    return item;
                }
            }
        }

        public void Dispose() => _response.Dispose();
    }
}

public class LiveStreamSettingsTests
{
    [Fact]
    public async Task Live_QuietStream_SendsHeartbeats()
    {
        await using var factory = new PledgeSiteFactory().With("Pledge:Live:HeartbeatInterval", "00:00:00.200");
        using var response = await factory.CreateClient().GetAsync("/pledge/live", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();

        var types = new List<string>();
        while (!types.Contains("heartbeat"))
        {
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15)));
            types.Add(events.Current.EventType);
        }

        Assert.Equal("count", types[0]);
    }

    [Fact]
    public async Task Live_UnderAStorm_CountEventsAreCoalesced()
    {
        await using var factory = new PledgeSiteFactory().With("Pledge:Live:MinBroadcastInterval", "00:00:01");
        var writer = factory.Writer();
        using var response = await factory.CreateClient().GetAsync("/pledge/live", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync()); // the opening count

        await Task.WhenAll(Enumerable.Range(1, 200).Select(i => writer.AddAsync(PledgeTestData.Signature($"storm{i}@example.ac.uk"), CancellationToken.None)));

        var counts = new List<long>();
        var signatures = 0;
        while (counts.LastOrDefault() != 200)
        {
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15)));
            if (events.Current.EventType == "count")
            {
                counts.Add(JsonDocument.Parse(events.Current.Data).RootElement.GetProperty("count").GetInt64());
            }
            else if (events.Current.EventType == "signature")
            {
                signatures++;
            }
        }

        // 200 signatures, but only a handful of count events, and no more signature rows than a feed can show per round.
        Assert.InRange(counts.Count, 1, 6);
        Assert.InRange(signatures, 1, 20 * counts.Count);
    }
}

public class LiveStreamBackpressureTests
{
    [Fact]
    public async Task Live_ClientThatStopsReading_IsDisconnectedAfterItsBuffer_WithWhatWasQueued()
    {
        // Like a phone whose connection stalled: its queue fills, and the hub ends its stream rather than
        // hold broadcasts for it forever; the browser reconnects and catches up from its last id.
        await using var factory = new PledgeSiteFactory()
            .With("Pledge:Live:ClientBufferSize", "4")
            .With("Pledge:Live:MinBroadcastInterval", "00:00:00");
        var hub = factory.Services.GetRequiredService<PledgeLiveHub>();
        var writer = factory.Writer();
        var startId = hub.LastEventId;
        var chunks = hub.Subscribe(null, CancellationToken.None).GetAsyncEnumerator();
        try
        {
            Assert.Equal(1, hub.ClientCount);
            for (var i = 1; i <= 4 && hub.ClientCount > 0; i++)
            {
                await writer.AddAsync(PledgeTestData.Signature($"stalled{i}@example.ac.uk"), CancellationToken.None);
                await WaitForBroadcastAsync(hub, startId, i);
            }

            Assert.Equal(0, hub.ClientCount);
            var queued = new List<byte>();
            while (await chunks.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15)))
            {
                queued.AddRange(chunks.Current.ToArray());
            }

            var types = new List<string>();
            await foreach (var item in SseParser.Create(new MemoryStream(queued.ToArray())).EnumerateAsync())
            {
                types.Add(item.EventType);
            }

            // The opening count and one broadcast (a signature and its count) fit in 4; the next did not.
            Assert.Equal(["count", "signature", "count"], types);
        }
        finally
        {
            await chunks.DisposeAsync();
        }
    }

    private static async Task WaitForBroadcastAsync(PledgeLiveHub hub, long startId, int signatures)
    {
        // Each broadcast takes the next event ids: one for the signature, one for the count.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (hub.ClientCount > 0 && hub.LastEventId - startId < signatures * 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}

public class LiveFrameTests
{
    [Fact]
    public async Task Of_WritesEachEventOnce_AsServerSentEventsAParserReadsBack()
    {
        var frame = PledgeLiveHub.LiveFrame.Of([
            new SseItem<string>("{\"count\":3}", "count") { EventId = "17" },
            new SseItem<string>("", "heartbeat"),
            new SseItem<string>("line one\nline two", "signature") { EventId = "18" },
        ]);

        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(new MemoryStream(frame.Bytes.ToArray())).EnumerateAsync())
        {
            items.Add(item);
        }

        Assert.Equal(3, frame.Events);
        Assert.Equal(["count", "heartbeat", "signature"], items.Select(i => i.EventType));
        Assert.Equal(["{\"count\":3}", "", "line one\nline two"], items.Select(i => i.Data));
        Assert.Equal(["17", null, "18"], items.Select(i => i.EventId));
    }
}
