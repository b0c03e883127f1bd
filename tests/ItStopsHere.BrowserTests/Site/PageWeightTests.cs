using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ItStopsHere.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ItStopsHere.BrowserTests.Site;

/// <summary>
/// The home page's weight on a first visit, as the browser's own network stack counts it: every request
/// the page makes (the HTML, styles, scripts, images, the icon and the live count's stream) and the bytes
/// each one put on the wire, headers included, after compression. A byte count, not a time.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PageWeightTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>The issue's budget for the home page's first visit.</summary>
    public const int MaxHomePageBytes = 50 * 1024;

    public const int MaxHomePageRequests = 6;

    [Fact]
    public async Task HomePage_FirstVisit_StaysWithinTheWeightBudget()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        var traffic = await NetworkTraffic.StartAsync(page);

        await page.GotoAsync(fixture.Site.Url("/"), new() { WaitUntil = WaitUntilState.Load });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await traffic.AddIconTheBrowserWouldFetchAsync(page);

        var report = traffic.Report();
        output.WriteLine(report);
        Assert.True(traffic.Requests.Count <= MaxHomePageRequests,
            $"The home page made {traffic.Requests.Count} requests on a first visit (at most {MaxHomePageRequests}):\n{report}");
        Assert.True(traffic.TotalBytes <= MaxHomePageBytes,
            $"The home page transferred {traffic.TotalBytes} bytes on a first visit (at most {MaxHomePageBytes}):\n{report}");
        // The measurement itself must have seen the page: the HTML and its stylesheet at the least.
        Assert.Contains(traffic.Requests, r => r.Type == "Document" && r.Bytes > 0);
        Assert.Contains(traffic.Requests, r => r.Type == "Stylesheet" && r.Bytes > 0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task HomePage_StaticFiles_ArriveCompressedAndCacheableForAYear()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        var responses = new ConcurrentBag<IResponse>();
        page.Response += (_, response) => responses.Add(response);

        await page.GotoAsync(fixture.Site.Url("/"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var files = responses.Where(r => r.Request.ResourceType is "stylesheet" or "script").ToList();
        Assert.NotEmpty(files);
        foreach (var response in files)
        {
            var headers = await response.AllHeadersAsync();
            Assert.True(headers.TryGetValue("content-encoding", out var encoding) && encoding is "br" or "gzip",
                $"{response.Url} should arrive compressed; it came with content-encoding '{encoding}'.");
            Assert.Contains("immutable", headers.GetValueOrDefault("cache-control") ?? "", StringComparison.Ordinal);
            Assert.Contains("max-age=31536000", headers.GetValueOrDefault("cache-control") ?? "", StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(headers.GetValueOrDefault("etag")), $"{response.Url} should carry an ETag.");
        }

        await page.Context.CloseAsync();
    }

    /// <summary>Counts a page's requests and encoded bytes through the Chrome DevTools Protocol.</summary>
    private sealed class NetworkTraffic
    {
        private readonly ConcurrentDictionary<string, Entry> _entries = new();

        private NetworkTraffic()
        {
        }

        public IReadOnlyList<Entry> Requests => [.. _entries.Values.OrderBy(e => e.Order)];

        public long TotalBytes => _entries.Values.Sum(e => e.Bytes);

        public static async Task<NetworkTraffic> StartAsync(IPage page)
        {
            var traffic = new NetworkTraffic();
            var session = await page.Context.NewCDPSessionAsync(page);
            var order = 0;
            session.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
            {
                var json = e!.Value;
                var id = json.GetProperty("requestId").GetString()!;
                var url = json.GetProperty("request").GetProperty("url").GetString()!;
                var type = json.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
                traffic._entries.TryAdd(id, new Entry(Interlocked.Increment(ref order), url, type));
            };
            session.Event("Network.responseReceived").OnEvent += (_, e) =>
            {
                var json = e!.Value;
                if (traffic._entries.TryGetValue(json.GetProperty("requestId").GetString()!, out var entry))
                {
                    var response = json.GetProperty("response");
                    entry.Status = response.GetProperty("status").GetInt32();
                    entry.HeaderBytes = (long)response.GetProperty("encodedDataLength").GetDouble();
                    entry.Encoding = Header(response, "content-encoding");
                }
            };
            session.Event("Network.dataReceived").OnEvent += (_, e) =>
            {
                var json = e!.Value;
                if (traffic._entries.TryGetValue(json.GetProperty("requestId").GetString()!, out var entry))
                {
                    entry.AddStreamed((long)json.GetProperty("encodedDataLength").GetDouble());
                }
            };
            session.Event("Network.loadingFinished").OnEvent += (_, e) =>
            {
                var json = e!.Value;
                if (traffic._entries.TryGetValue(json.GetProperty("requestId").GetString()!, out var entry))
                {
                    entry.FinishedBytes = (long)json.GetProperty("encodedDataLength").GetDouble();
                }
            };
            await session.SendAsync("Network.enable");
            return traffic;
        }

        /// <summary>
        /// A browser fetches the page's icon for its tab, but headless Chromium may not. When no icon was
        /// requested, fetch the one a browser would choose (the SVG icon, else the first icon, else
        /// <c>/favicon.ico</c>) from the page, so it is counted the same way.
        /// </summary>
        public async Task AddIconTheBrowserWouldFetchAsync(IPage page)
        {
            var icon = await page.EvaluateAsync<string>("""
                () => {
                  const svg = document.querySelector('link[rel~="icon"][type="image/svg+xml"]');
                  const any = document.querySelector('link[rel~="icon"]');
                  return new URL((svg || any) ? (svg || any).getAttribute('href') : '/favicon.ico', document.baseURI).href;
                }
                """);
            if (_entries.Values.Any(e => e.Url == icon))
            {
                return;
            }

            if (icon.StartsWith("data:", StringComparison.Ordinal))
            {
                return;
            }

            await page.EvaluateAsync("url => fetch(url).then(r => r.arrayBuffer())", icon);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        public string Report()
        {
            var text = new StringBuilder();
            foreach (var entry in Requests)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  {entry.Bytes,7} B  {entry.Status} {entry.Type,-11} {entry.Encoding ?? "-",-5} {entry.Url}");
            }

            text.Append(CultureInfo.InvariantCulture, $"  {TotalBytes,7} B in {_entries.Count} requests");
            return text.ToString();
        }

        private static string? Header(JsonElement response, string name)
        {
            foreach (var header in response.GetProperty("headers").EnumerateObject())
            {
                if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return header.Value.GetString();
                }
            }

            return null;
        }
    }

    private sealed class Entry(int order, string url, string type)
    {
        private long _streamed;

        public int Order { get; } = order;

        public string Url { get; } = url;

        public string Type { get; } = type;

        public int Status { get; set; }

        public string? Encoding { get; set; }

        public long HeaderBytes { get; set; }

        /// <summary>Headers and body on the wire, once the request has finished.</summary>
        public long? FinishedBytes { get; set; }

        /// <summary>
        /// A finished request's total as the browser reports it; a stream still open (the live count)
        /// counts its headers and what has arrived so far.
        /// </summary>
        public long Bytes => FinishedBytes ?? HeaderBytes + Interlocked.Read(ref _streamed);

        public void AddStreamed(long bytes) => Interlocked.Add(ref _streamed, bytes);
    }
}
