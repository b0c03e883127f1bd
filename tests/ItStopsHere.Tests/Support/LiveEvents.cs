using System.Net;
using System.Net.ServerSentEvents;

namespace ItStopsHere.Tests.Support;

/// <summary>An open /pledge/live response, read event by event.</summary>
public sealed class LiveEvents : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _events;

    private LiveEvents(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();
    }

    public static async Task<LiveEvents> OpenAsync(HttpClient client)
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/pledge/live"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new LiveEvents(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The stream's response headers (behind nginx in front of several instances, which one serves it).</summary>
    public System.Net.Http.Headers.HttpResponseHeaders Headers => _response.Headers;

    public async Task<SseItem<string>> NextOfTypeAsync(string type, TimeSpan? patience = null)
    {
        while (true)
        {
            var moved = await _events.MoveNextAsync().AsTask().WaitAsync(patience ?? TimeSpan.FromSeconds(15));
            Assert.True(moved, "The live stream ended.");
            if (_events.Current.EventType == type)
            {
                return _events.Current;
            }
        }
    }

    /// <summary>Reads count events until one carries <paramref name="expected"/> (earlier ones may still be in flight).</summary>
    public async Task NextCountAsync(long expected)
    {
        while (true)
        {
            var count = await NextOfTypeAsync("count");
            if (System.Text.Json.JsonDocument.Parse(count.Data).RootElement.GetProperty("count").GetInt64() == expected)
            {
                return;
            }
        }
    }

    public void Dispose() => _response.Dispose();
}
