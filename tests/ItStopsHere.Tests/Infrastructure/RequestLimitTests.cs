using System.Net;
using System.Net.Sockets;
using System.Text;
using ItStopsHere.Tests.Support;
using Xunit.Abstractions;

namespace ItStopsHere.Tests.Infrastructure;

/// <summary>
/// The request size limits, on the real server (Kestrel in a child process; the test server does not
/// enforce them): a body over <see cref="Web.Infrastructure.SiteServices.MaxRequestBodyBytes"/> gets
/// 413 with the friendly page on every route, whether it says its length or is sent in chunks; a NUL or
/// malformed bytes in the path get a 4xx, and in a query are ignored; never a 500.
/// </summary>
public sealed class RequestLimitTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Every kind of route: pages with forms, pages without, endpoints, the stream, static files, the admin area.</summary>
    public static readonly string[] Routes =
    [
        "/", "/pledge", "/pledge/thank-you", "/pledge/signatures", "/pledge/live", "/pledge/stats", "/news", "/news/no-such-item",
        "/help", "/account/login", "/account/change-password", "/admin", "/admin/users/add", "/admin/audit", "/error/404",
        "/css/site.css", "/robots.txt", "/sitemap.xml", "/health", "/no-such-page",
    ];

    private readonly string _databasePath = SiteFactory.NewDatabasePath();
    private ChildApp _app = null!;

    public async Task InitializeAsync() => _app = await ChildApp.StartAsync(_databasePath, new Dictionary<string, string>());

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }

    [Fact]
    public async Task Post_OneMegabyteBody_Answers413WithFriendlyPageOnEveryRoute()
    {
        using var client = _app.CreateClient();
        var problems = new List<string>();
        foreach (var route in Routes)
        {
            foreach (var chunked in new[] { false, true })
            {
                var content = new ByteArrayContent(Encoding.ASCII.GetBytes("Input.Name=" + new string('a', 1024 * 1024)));
                content.Headers.ContentType = new("application/x-www-form-urlencoded");
                using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
                request.Headers.TransferEncodingChunked = chunked;
                try
                {
                    using var response = await client.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.RequestEntityTooLarge || !body.Contains("That was too much to send", StringComparison.Ordinal))
                    {
                        problems.Add($"POST {route} ({(chunked ? "chunked" : "with length")}): {(int)response.StatusCode}");
                    }
                }
                catch (HttpRequestException ex)
                {
                    problems.Add($"POST {route} ({(chunked ? "chunked" : "with length")}): connection failed without an answer ({ex.Message})");
                }
            }
        }

        output.WriteLine($"{Routes.Length * 2} oversized bodies sent");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("/news/a%00b", true)]
    [InlineData("/pledge%00", true)]
    [InlineData("/news/%C3%28%FF%FE", true)]
    [InlineData("/%2e%2e/%2e%2e/etc/passwd", true)]
    [InlineData("/css/..%2f..%2fappsettings.json", true)]
    [InlineData("/pledge/signatures?type=%00%C3%28", false)]
    [InlineData("/news?page=%00%FF", false)]
    public async Task Get_NulOrMalformedBytes_AnswersWithoutFailing(string rawPath, bool mustBeRefused)
    {
        // Sent over a raw socket, so nothing on the client side cleans the path up first.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_app.Root.Host, _app.Root.Port);
        await using var stream = tcp.GetStream();
        var request = $"GET {rawPath} HTTP/1.1\r\nHost: {_app.Root.Authority}\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync() ?? "";
        var status = int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        // A nonsense filter in a query is ignored (200); in a path, it names no page (4xx). Never a 5xx.
        Assert.InRange(status, mustBeRefused ? 400 : 200, 499);
    }
}
