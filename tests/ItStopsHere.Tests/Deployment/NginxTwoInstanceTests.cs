using System.Globalization;
using System.Net;
using ItStopsHere.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace ItStopsHere.Tests.Deployment;

/// <summary>
/// Two app instances (child processes) on one PostgreSQL database behind Debian's nginx running the
/// repository's site file with the upstream README "nginx in front of several instances" describes (one
/// <c>server ... max_fails=3 fail_timeout=10s</c> line per instance, <c>least_conn</c>,
/// <c>proxy_next_upstream error timeout</c>). nginx tells the test which instance answered each request
/// (<see cref="NginxProxy.UpstreamHeader"/>), so the test knows when a form served by one was posted to the
/// other, and when a request was tried on one and then the other.
/// One test, in stages, because its last stage kills an instance: a second test would pay for two more
/// app starts and another nginx on this small machine.
/// PostgreSQL only (several instances share one PostgreSQL database, never a SQLite file): tests/test.sh
/// runs it in its PostgreSQL run.
/// </summary>
[Trait("Provider", "PostgreSqlOnly")]
public sealed class NginxTwoInstanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _databasePath = SiteFactory.NewDatabasePath();

    /// <summary>Signing limits out of the way (every signing in this test comes from a few loopback addresses); nginx (127.0.0.2) is the proxy.</summary>
    private readonly Dictionary<string, string> _settings = OperationsTestSupport.StormSettings(
        ("Deployment:Instances", "2"),
        ("ForwardedHeaders:KnownProxies:0", NginxProxy.ProxyAddress.ToString()));

    private readonly List<string> _thanked = [];
    private int _sequence;
    private ChildApp? _a;
    private ChildApp? _b;
    private NginxProxy? _nginx;

    private ChildApp A => _a!;

    private NginxProxy Nginx => _nginx!;

    private string UpstreamA => $"127.0.0.1:{A.Root.Port}";

    private string UpstreamB => $"127.0.0.1:{_b!.Root.Port}";

    public async Task InitializeAsync()
    {
        Assert.True(TestDatabase.IsPostgreSql, $"Run with {TestDatabase.ProviderVariable}=PostgreSQL (tests/test.sh does).");
        // One after the other, as TwoInstanceTests: the first makes the Data Protection key, the second reads it.
        _a = await ChildApp.StartAsync(_databasePath, _settings);
        _b = await ChildApp.StartAsync(_databasePath, _settings);
        _nginx = await NginxProxy.StartAsync([_a.Root.Port, _b.Root.Port]);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        foreach (var app in new[] { _a, _b })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        TestDatabase.Drop(_databasePath);
    }

    [Fact]
    public async Task SignFlowCrossesInstances_LiveClientsSeeIt_AKilledInstanceIsRoutedAround_AndAPostIsNeverSentToBoth()
    {
        await FormsServedByOneInstance_ArePostedToTheOther();
        await ALiveClientOnEitherInstance_SeesASigningMadeThroughNginx();
        var notAnswered = await APostInFlightToAKilledInstance_GetsA502_AndIsNotSentToTheOther();
        await WithOneInstanceKilled_NginxSendsEverythingToTheOther();

        var rows = Signatures();
        Assert.Equal(_thanked.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        Assert.All(notAnswered, email => Assert.False(rows.ContainsKey(email), $"{email} was answered 502 but stored: nginx sent the POST on."));
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(n => (long)n), rows.Values.Order());
    }

    /// <summary>
    /// Whole sign flows through nginx (GET the form, POST it, follow the redirect to the thank-you page),
    /// each request to whichever instance nginx picks, until a form served by A was posted to B and one
    /// served by B to A: the antiforgery cookie, the form token and the thank-you page's data are read
    /// with the Data Protection keys both share through the database.
    /// </summary>
    private async Task FormsServedByOneInstance_ArePostedToTheOther()
    {
        var crossings = new HashSet<(string Form, string Post)>();
        for (var flow = 0; flow < 10 && crossings.Count < 2; flow++)
        {
            using var client = Nginx.CreateClient(Client(20 + flow));
            var (form, hidden) = await OpenFormAsync(client);
            var email = NewEmail();
            using var posted = await client.PostAsync(PledgePost.Path, PledgePost.Signing(hidden, email, "Nova Proxy"));
            Assert.True(PledgePost.IsThanked(posted), $"A signing through nginx answered {(int)posted.StatusCode} (form from {form}, posted to {Upstream(posted)}).");
            _thanked.Add(email);
            using var thanks = await client.GetAsync(posted.Headers.Location);
            Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
            output.WriteLine($"flow {flow}: form from {Name(form)}, posted to {Name(Upstream(posted))}, thanked by {Name(Upstream(thanks))}");
            if (form != Upstream(posted))
            {
                crossings.Add((form, Upstream(posted)));
            }
        }

        Assert.Contains((UpstreamA, UpstreamB), crossings);
        Assert.Contains((UpstreamB, UpstreamA), crossings);
    }

    /// <summary>
    /// Two live clients through nginx: <c>least_conn</c> puts the second stream on the instance without
    /// the first. One signing through nginx reaches both, so one of them saw a signing made on the other instance.
    /// </summary>
    private async Task ALiveClientOnEitherInstance_SeesASigningMadeThroughNginx()
    {
        using var watcherOne = Nginx.CreateClient(Client(40));
        using var watcherTwo = Nginx.CreateClient(Client(41));
        using var liveOne = await LiveEvents.OpenAsync(watcherOne);
        await liveOne.NextCountAsync(_thanked.Count);
        using var liveTwo = await LiveEvents.OpenAsync(watcherTwo);
        await liveTwo.NextCountAsync(_thanked.Count);
        Assert.Equal(
            new[] { UpstreamA, UpstreamB }.Order(StringComparer.Ordinal),
            new[] { Upstream(liveOne.Headers), Upstream(liveTwo.Headers) }.Order(StringComparer.Ordinal));

        using var signer = Nginx.CreateClient(Client(42));
        var (_, hidden) = await OpenFormAsync(signer);
        var email = NewEmail();
        using var posted = await signer.PostAsync(PledgePost.Path, PledgePost.Signing(hidden, email, "Nova Proxy"));
        Assert.True(PledgePost.IsThanked(posted), $"A signing through nginx answered {(int)posted.StatusCode}.");
        _thanked.Add(email);

        await liveOne.NextCountAsync(_thanked.Count);
        await liveTwo.NextCountAsync(_thanked.Count);
        output.WriteLine($"live clients on {Name(Upstream(liveOne.Headers))} and {Name(Upstream(liveTwo.Headers))} both saw the signing posted to {Name(Upstream(posted))}");
    }

    /// <summary>
    /// A hangs (SIGSTOP: its sockets still take requests, unread) while signings are posted through nginx,
    /// until one is sitting unread in A's socket; then A is killed. nginx must not send that POST on to B
    /// (no <c>non_idempotent</c> in <c>proxy_next_upstream</c>): the signer gets a 502 and nothing is
    /// stored, rather than nginx guessing that A never acted on it. The others, sent to B, are thanked.
    /// Returns the addresses answered 502.
    /// </summary>
    private async Task<List<string>> APostInFlightToAKilledInstance_GetsA502_AndIsNotSentToTheOther()
    {
        var forms = new Queue<(HttpClient Client, List<KeyValuePair<string, string>> Hidden)>();
        for (var i = 0; i < 8; i++)
        {
            var client = Nginx.CreateClient(Client(60 + i));
            forms.Enqueue((client, (await OpenFormAsync(client)).Hidden));
        }

        var posts = new List<(string Email, HttpClient Client, Task<HttpResponseMessage> Answer)>();
        try
        {
            await A.FreezeAsync();
            // Two at a time (least_conn sends the second where the first is not), until one waits in A's socket.
            while (A.UnreadRequestBytes() == 0 && forms.Count > 0)
            {
                for (var i = 0; i < 2; i++)
                {
                    var (client, hidden) = forms.Dequeue();
                    var email = NewEmail();
                    posts.Add((email, client, client.PostAsync(PledgePost.Path, PledgePost.Signing(hidden, email, "Nova Proxy"))));
                }

                await Eventually.TrueAsync(() => A.UnreadRequestBytes() > 0 || posts.All(p => p.Answer.IsCompleted),
                    TimeSpan.FromSeconds(60), "a signing to wait unread in frozen A's socket, or every signing to be answered by B");
            }

            Assert.True(A.UnreadRequestBytes() > 0, "No signing was sent to the frozen instance.");
            await A.KillAsync();

            var notAnswered = new List<string>();
            foreach (var (email, _, answer) in posts)
            {
                using var response = await answer;
                var upstream = Upstream(response);
                output.WriteLine($"posted while A hung, then A killed: {(int)response.StatusCode} from {Name(upstream)}");
                if (response.StatusCode == HttpStatusCode.BadGateway)
                {
                    // Sent to A only: had nginx passed it on, $upstream_addr would name B too.
                    Assert.Equal(UpstreamA, upstream);
                    notAnswered.Add(email);
                }
                else
                {
                    Assert.True(PledgePost.IsThanked(response), $"A signing sent to B while A hung answered {(int)response.StatusCode}.");
                    Assert.Equal(UpstreamB, upstream);
                    _thanked.Add(email);
                }
            }

            Assert.NotEmpty(notAnswered);
            return notAnswered;
        }
        finally
        {
            foreach (var (client, _) in forms)
            {
                client.Dispose();
            }

            foreach (var (_, client, _) in posts)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>
    /// With A dead, every request goes to B: a GET that nginx first tries on A (connection refused) is
    /// tried again on B (<c>proxy_next_upstream error</c>), and A is set aside after three failures. Pages
    /// keep working, a whole sign flow is thanked, and a live client sees every signing.
    /// </summary>
    private async Task WithOneInstanceKilled_NginxSendsEverythingToTheOther()
    {
        var retried = 0;
        for (var i = 0; i < 6; i++)
        {
            using var client = Nginx.CreateClient(Client(80 + i));
            foreach (var path in new[] { "/", PledgePost.Path, "/pledge/stats" })
            {
                using var page = await client.GetAsync(path);
                Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {path} with A killed answered {(int)page.StatusCode} (from {Upstream(page)}).");
                Assert.EndsWith(UpstreamB, Upstream(page), StringComparison.Ordinal);
                retried += Upstream(page).Contains(',', StringComparison.Ordinal) ? 1 : 0;
            }
        }

        using var signer = Nginx.CreateClient(Client(90));
        var (_, hidden) = await OpenFormAsync(signer);
        var email = NewEmail();
        using var posted = await signer.PostAsync(PledgePost.Path, PledgePost.Signing(hidden, email, "Nova Proxy"));
        Assert.True(PledgePost.IsThanked(posted), $"A signing through nginx with A killed answered {(int)posted.StatusCode} (from {Upstream(posted)}).");
        _thanked.Add(email);

        using var watcher = Nginx.CreateClient(Client(91));
        using var live = await LiveEvents.OpenAsync(watcher);
        await live.NextCountAsync(_thanked.Count);
        output.WriteLine($"with A killed: 18 GETs answered 200 by B ({retried} of them tried on A first); the count through nginx is {_thanked.Count}");
    }

    /// <summary>GETs the pledge form through nginx, keeping its cookies: which instance served it, and its hidden fields.</summary>
    private static async Task<(string Upstream, List<KeyValuePair<string, string>> Hidden)> OpenFormAsync(HttpClient client)
    {
        using var page = await client.GetAsync(PledgePost.Path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        PledgePost.KeepCookies(client, page);
        return (Upstream(page), await PledgePost.HiddenFieldsAsync(page));
    }

    private static string Upstream(HttpResponseMessage response) => Upstream(response.Headers);

    private static string Upstream(System.Net.Http.Headers.HttpResponseHeaders headers) =>
        headers.TryGetValues(NginxProxy.UpstreamHeader, out var values) ? string.Join(", ", values) : "(no upstream)";

    private string Name(string upstream) => upstream.Replace(UpstreamA, "A", StringComparison.Ordinal).Replace(UpstreamB, "B", StringComparison.Ordinal);

    private static IPAddress Client(int last) => IPAddress.Parse("127.0.0." + last.ToString(CultureInfo.InvariantCulture));

    private string NewEmail() => $"two-nginx-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}@example.test";

    /// <summary>Every stored signature: its address and public number.</summary>
    private Dictionary<string, long> Signatures()
    {
        using var connection = (NpgsqlConnection)TestDatabase.Open(_databasePath);
        using var read = new NpgsqlCommand("""SELECT "NormalizedEmail", "Number" FROM "Signatures" """, connection);
        using var reader = read.ExecuteReader();
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            rows.Add(reader.GetString(0), reader.GetInt64(1));
        }

        return rows;
    }
}
