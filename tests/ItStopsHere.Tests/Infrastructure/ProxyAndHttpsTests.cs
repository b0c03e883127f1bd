using System.Net;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ItStopsHere.Tests.Infrastructure;

/// <summary>
/// Forwarded headers and HTTPS on the real server (the app as a child process, issue 17 findings 1 and 3).
/// The app listens on 127.0.0.1; a client bound to 127.0.0.1 is "the proxy" (a configured
/// <c>ForwardedHeaders:KnownProxies</c> address) and one bound to 127.0.0.2 is a stranger. A stranger's
/// <c>X-Forwarded-For</c> and <c>-Proto</c> must change nothing: not the rate-limit bucket, not the stored
/// client hash, not the scheme. The proxy's do, for one hop only. In Production a plain-HTTP request is
/// redirected to HTTPS or told to use it, never answered with a 500.
/// </summary>
public sealed class ProxyAndHttpsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly IPAddress Stranger = IPAddress.Parse("127.0.0.2");

    private static readonly string ClientHashKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    /// <summary>A form page, a sign-in page with a form, an admin page, the error page and content.</summary>
    private static readonly string[] Paths = ["/pledge", "/account/login", "/admin/users", "/error", "/error/404", "/"];

    private readonly List<string> _databases = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in _databases)
        {
            SiteFactory.DeleteDatabase(path);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task ForgedForwardedFor_FromStranger_ChangesNeitherRateLimitNorClientHash_FromProxyOneHopDoes()
    {
        // A site that terminates TLS itself, with 127.0.0.1 also configured as a proxy.
        var database = NewDatabase();
        await using var app = await ChildApp.StartAsync(database, new Dictionary<string, string>
        {
            ["Pledge:MinimumFillTime"] = "00:00:00",
            ["Pledge:RateLimit:Burst"] = "3",
            ["Pledge:RateLimit:PerMinute"] = "1",
            ["Pledge:ClientHashKey"] = ClientHashKey,
        }, new ChildAppOptions(Tls: true));

        // The stranger rotates X-Forwarded-For (and claims plain http): one bucket and one hash all the same.
        using var stranger = app.CreateClientFrom(Stranger, tls: true);
        // A fresh form for each signing: one page load's form signs once (finding 6).
        var strangerAnswers = new List<int>();
        for (var i = 1; i <= 5; i++)
        {
            strangerAnswers.Add(await SignAsync(stranger, await PledgeFormAsync(stranger), $"stranger-{i}@example.test", ("X-Forwarded-For", $"203.0.113.{i}"), ("X-Forwarded-Proto", "http")));
        }

        output.WriteLine($"stranger, rotating X-Forwarded-For: {string.Join(", ", strangerAnswers)}");
        Assert.Equal([302, 302, 302, 429, 429], strangerAnswers);

        // The configured proxy speaks for its clients: each forwarded address is a bucket of its own.
        using var proxy = app.CreateClientFrom(ChildApp.ProxyAddress, tls: true);
        var proxyAnswers = new List<int>();
        for (var i = 1; i <= 5; i++)
        {
            proxyAnswers.Add(await SignAsync(proxy, await PledgeFormAsync(proxy), $"proxied-{i}@example.test", ("X-Forwarded-For", $"198.51.100.{i}")));
        }

        output.WriteLine($"proxy, one client per address: {string.Join(", ", proxyAnswers)}");
        Assert.All(proxyAnswers, status => Assert.Equal(302, status));

        // One hop only (ForwardLimit 1): what a client wrote before the proxy's own entry is not believed.
        var chainAnswers = new List<int>();
        for (var i = 1; i <= 4; i++)
        {
            chainAnswers.Add(await SignAsync(proxy, await PledgeFormAsync(proxy), $"chained-{i}@example.test", ("X-Forwarded-For", $"192.0.2.{i}, 203.0.113.200")));
        }

        output.WriteLine($"proxy, forged entries before the real client's: {string.Join(", ", chainAnswers)}");
        Assert.Equal([302, 302, 302, 429], chainAnswers);

        await app.KillAsync();
        var hashes = StoredClientHashes(database);
        var hasher = Hasher();
        Assert.All(Enumerable.Range(1, 3), i => Assert.Equal(hasher.Hash(Stranger), hashes[$"stranger-{i}@example.test"]));
        Assert.All(Enumerable.Range(1, 5), i => Assert.Equal(hasher.Hash(IPAddress.Parse($"198.51.100.{i}")), hashes[$"proxied-{i}@example.test"]));
        Assert.All(Enumerable.Range(1, 3), i => Assert.Equal(hasher.Hash(IPAddress.Parse("203.0.113.200")), hashes[$"chained-{i}@example.test"]));
        Assert.Equal(11, hashes.Count);
    }

    [Fact]
    public async Task Production_PlainHttp_IsRedirected_ForgedProtoFromStrangerToo_HttpsFromProxyIsServed()
    {
        await using var app = await ChildApp.StartAsync(NewDatabase(), ProductionSettings(new()
        {
            ["HttpsRedirection:HttpsPort"] = "8443",
        }), new ChildAppOptions(Environment: "Production"));
        using var stranger = app.CreateClientFrom(Stranger);
        using var proxy = app.CreateClientFrom(ChildApp.ProxyAddress);

        foreach (var path in Paths)
        {
            // A stranger saying "https" is still on plain HTTP: redirected, no HSTS, no cookie.
            using (var forged = await GetAsync(stranger, path, ("X-Forwarded-Proto", "https")))
            {
                AssertRedirectedToHttps(forged, path, $"stranger with X-Forwarded-Proto: https, {path}");
            }

            // Plain HTTP through the proxy (it says "http", or nothing): redirected too.
            using (var plain = await GetAsync(proxy, path, ("X-Forwarded-Proto", "http")))
            {
                AssertRedirectedToHttps(plain, path, $"proxy with X-Forwarded-Proto: http, {path}");
            }

            using (var bare = await GetAsync(proxy, path))
            {
                AssertRedirectedToHttps(bare, path, $"proxy without X-Forwarded-Proto, {path}");
            }

            // The proxy terminated TLS: the page is served as HTTPS, with HSTS and Secure cookies.
            using var secure = await GetAsync(proxy, path, ("X-Forwarded-Proto", "https"));
            var status = (int)secure.StatusCode;
            output.WriteLine($"{path}: via the proxy over https {status}");
            Assert.True(status < 500, $"{path} via the proxy over https answered {status}\n{app.Output}");
            Assert.Contains("max-age=", Header(secure, "Strict-Transport-Security"), StringComparison.Ordinal);
            Assert.All(Cookies(secure), cookie => Assert.Contains("secure", cookie.ToLowerInvariant().Split(';').Select(a => a.Trim())));
        }

        using (var form = await GetAsync(proxy, "/pledge", ("X-Forwarded-Proto", "https")))
        {
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
            Assert.Contains(Cookies(form), c => c.StartsWith("ish.af=", StringComparison.Ordinal));
        }

        using (var login = await GetAsync(proxy, "/account/login", ("X-Forwarded-Proto", "https")))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

    }

    [Fact]
    public async Task Production_NoProxyAndNoHttpsPort_PlainHttpGetsAPageSayingUseHttps_LoopbackIsNotBelieved()
    {
        // Production itself refuses to start with no proxy and no https endpoint (Deployment/ProductionStartupTests),
        // so this is Staging, where the same HTTPS-only rule holds and nothing stops the start.
        await using var app = await ChildApp.StartAsync(NewDatabase(), ProductionSettings(new()), new ChildAppOptions(Environment: "Staging", LoopbackIsProxy: false));
        using var loopback = app.CreateClientFrom(ChildApp.ProxyAddress);

        foreach (var path in Paths)
        {
            // Loopback is not a proxy unless configured: its "https" is not believed either.
            using var response = await GetAsync(loopback, path, ("X-Forwarded-Proto", "https"));
            var body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"{path}: {(int)response.StatusCode}");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("<h1>This site needs a secure connection</h1>", body, StringComparison.Ordinal);
            Assert.Contains("https://itstopshere.example", body, StringComparison.Ordinal);
            Assert.Empty(Cookies(response));
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{path} sent HSTS over plain HTTP");
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        }

        using var post = await loopback.PostAsync("/pledge", new FormUrlEncodedContent([new("Input.Name", "Sam")]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        // Health probes speak plain HTTP to the app's own port.
        using var health = await loopback.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("ForwardedHeaders:ForwardLimit", "0")]
    [InlineData("ForwardedHeaders:ForwardLimit", "two")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.0")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.1/8")]
    [InlineData("HttpsRedirection:HttpsPort", "70000")]
    public void Start_WithBadProxyOrHttpsSetting_RefusesNamingTheKey(string key, string value)
    {
        using var site = new SiteFactory().With(key, value);
        var failure = Assert.ThrowsAny<Exception>(() => site.CreateClient());
        var messages = string.Join("\n", Flatten(failure).Select(e => e.Message));
        var named = key.EndsWith(":0", StringComparison.Ordinal) ? key[..^2] : key;
        Assert.Contains(named, messages, StringComparison.Ordinal);
        Assert.Contains(value, messages, StringComparison.Ordinal);
    }

    [Fact]
    public void ProxySettings_TakeAnArrayOrOneCommaSeparatedValue()
    {
        var configuration = Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(new Microsoft.Extensions.Configuration.ConfigurationBuilder(), new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies"] = "10.0.0.5, fd00::5",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.1.0.0/16",
            ["ForwardedHeaders:KnownNetworks:1"] = "fd01::/64",
        }).Build();

        var settings = Web.Infrastructure.ProxySettings.Read(configuration);

        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::5")], settings.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("10.1.0.0/16"), System.Net.IPNetwork.Parse("fd01::/64")], settings.KnownNetworks);
        Assert.Equal(1, settings.ForwardLimit);
        Assert.True(settings.AnyProxy);
        Assert.False(Web.Infrastructure.ProxySettings.Read(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).AnyProxy);
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private string NewDatabase()
    {
        var path = SiteFactory.NewDatabasePath();
        _databases.Add(path);
        return path;
    }

    private const string CertificatePassword = "proxy-and-https-tests";

    private static Dictionary<string, string> ProductionSettings(Dictionary<string, string> extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Campaign:SiteUrl"] = "https://itstopshere.example",
            ["Pledge:ClientHashKey"] = ClientHashKey,
            ["Email:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "itstopshere-tests", "mail-" + Guid.NewGuid().ToString("N")),
        };

        // Production refuses to keep its Data Protection keys unencrypted: give it a certificate.
        var certificate = Path.Combine(Path.GetTempPath(), "itstopshere-tests", "dp-" + Guid.NewGuid().ToString("N") + ".pfx");
        Directory.CreateDirectory(Path.GetDirectoryName(certificate)!);
        File.WriteAllBytes(certificate, Deployment.DataProtectionCertificates.CreatePfx(CertificatePassword));
        settings["DataProtection:CertificatePath"] = certificate;
        settings["DataProtection:CertificatePassword"] = CertificatePassword;
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A GET with a real host name (HSTS is never sent to 127.0.0.1) and the given headers.</summary>
    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "itstopshere.example";
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request);
    }

    private static void AssertRedirectedToHttps(HttpResponseMessage response, string path, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.TemporaryRedirect, $"{what}: {(int)response.StatusCode}, not a redirect to https");
        Assert.Equal($"https://itstopshere.example:8443{path}", response.Headers.Location?.ToString());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{what}: HSTS over plain HTTP");
        Assert.Empty(Cookies(response));
    }

    private static List<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} header missing from {response.RequestMessage?.RequestUri}");

    /// <summary>GETs the pledge form: its cookie (sent by hand from then on) and hidden fields.</summary>
    private static async Task<List<KeyValuePair<string, string>>> PledgeFormAsync(HttpClient client)
    {
        using var page = await client.GetAsync("/pledge");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var cookies = Cookies(page).Select(c => c.Split(';', 2)[0]).ToList();
        if (cookies.Count > 0 && !client.DefaultRequestHeaders.Contains("Cookie"))
        {
            client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
        }

        var form = (IHtmlFormElement)(await page.ReadHtmlAsync()).QuerySelector("form.pledge-form")!;
        return form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
    }

    private static async Task<int> SignAsync(HttpClient client, List<KeyValuePair<string, string>> hidden, string email, params (string Name, string Value)[] headers)
    {
        var fields = new List<KeyValuePair<string, string>>(hidden)
        {
            new("Input.SigningAs", "individual"),
            new("Input.Name", "Proxy Tester"),
            new("Input.Affiliation", "staff"),
            new("Input.Email", email),
            new("Input.Actions", "report-and-support"),
            new("Input.NameDisplay", "hidden"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/pledge") { Content = new FormUrlEncodedContent(fields) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static Dictionary<string, string> StoredClientHashes(string databasePath)
    {
        using var connection = TestDatabase.Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"NormalizedEmail\", \"ClientHash\" FROM \"Signatures\"";
        using var reader = command.ExecuteReader();
        var hashes = new Dictionary<string, string>();
        while (reader.Read())
        {
            hashes[reader.GetString(0)] = reader.GetString(1);
        }

        return hashes;
    }

    /// <summary>The app's own hasher with the key the app was given, so an expected hash is the app's arithmetic.</summary>
    private static ClientHasher Hasher()
    {
        var hasher = new ClientHasher(Options.Create(new PledgeOptions { ClientHashKey = ClientHashKey }), new EphemeralDataProtectionProvider());
        // A configured key is used as it is; the database is only read when there is none.
        hasher.Initialize(null!);
        return hasher;
    }
}
