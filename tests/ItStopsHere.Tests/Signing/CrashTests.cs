using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ItStopsHere.Tests.Signing;

/// <summary>
/// The durability promise, tested as a crash happens: the real app in its own process on a file
/// database, many clients signing at once, SIGKILL in the middle of the storm (three times, at
/// different moments), then a restart on the same file. Every signing that was thanked must be there
/// exactly once, the public numbers must run 1..N with no gap or repeat, and the count the site shows
/// must equal the rows.
/// </summary>
public class CrashTests(ITestOutputHelper output)
{
    private const int Clients = 24;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Pledge:MinimumFillTime"] = "00:00:00",
        ["Pledge:RateLimit:Burst"] = "1000000",
        // Every signer here shares one address: the auto-hold rule for bursts would hold them, not publish them.
        ["Pledge:Moderation:BurstLimit"] = "100000000",
        ["Pledge:RateLimit:PerMinute"] = "1000000",
        ["Pledge:RateLimit:PerHour"] = "10000000",
    };

    [Fact]
    public async Task SigkillMidStorm_ThreeTimes_EveryThankedSigningKeptOnceAndNumbersContiguous()
    {
        var databasePath = SiteFactory.NewDatabasePath();
        var thanked = new ConcurrentBag<string>();
        try
        {
            // Kill after different lengths of storm, so the kill lands at different points of the write cycle.
            foreach (var stormMs in new[] { 400, 900, 1500 })
            {
                await using var app = await ChildApp.StartAsync(databasePath, Settings);
                var signers = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Signer.CreateAsync(app)));
                using var stop = new CancellationTokenSource();
                var storm = signers.Select(s => s.SignUntilFailureAsync(thanked, stop.Token)).ToArray();
                await Task.Delay(stormMs);

                await app.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(storm);
                foreach (var signer in signers)
                {
                    signer.Dispose();
                }
            }

            Assert.True(thanked.Count > 50, $"The storms should have been thanked for many signings, not {thanked.Count}.");

            await using var restarted = await ChildApp.StartAsync(databasePath, Settings);
            var rows = ReadSignatures(databasePath);

            var byEmail = rows.GroupBy(r => r.Email).ToDictionary(g => g.Key, g => g.Count());
            var lost = thanked.Where(e => !byEmail.ContainsKey(e)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} thanked signing(s) lost after SIGKILL, e.g. {lost.FirstOrDefault()}");
            Assert.All(byEmail, e => Assert.Equal(1, e.Value));

            var numbers = rows.Select(r => r.Number).Order().ToList();
            Assert.Equal(Enumerable.Range(1, rows.Count).Select(n => (long)n), numbers);

            using var client = restarted.CreateClient();
            var stats = await client.GetStringAsync("/pledge/stats");
            using var json = System.Text.Json.JsonDocument.Parse(stats);
            Assert.Equal(rows.Count, json.RootElement.GetProperty("count").GetInt64());
            Assert.Equal(rows.Count, await ShownCountAsync(client, "/pledge"));
            Assert.Equal(rows.Count, await ShownCountAsync(client, "/"));
            output.WriteLine($"{thanked.Count} signings thanked over three SIGKILLs; {rows.Count} rows after the restart "
                + $"({rows.Count - thanked.Count} committed but not answered before the kill); numbers 1..{rows.Count}, none lost or repeated");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(databasePath + suffix);
            }
        }
    }

    private static async Task<long> ShownCountAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        var text = document.QuerySelector("[data-pledge-count]").Text();
        return long.Parse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static List<(string Email, long Number)> ReadSignatures(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"NormalizedEmail\", \"Number\" FROM \"Signatures\"";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    /// <summary>
    /// One browser signing again and again with new addresses, until the server goes away. A form signs
    /// once, so the signer opens several forms before the storm (as tabs) and, when they are used up,
    /// opens the pledge page again for each further signing.
    /// </summary>
    private sealed class Signer : IDisposable
    {
        private const int FormsOpenedBefore = 10;
        private static int _sequence;
        private readonly HttpClient _client;
        private readonly Queue<List<KeyValuePair<string, string>>> _forms;

        private Signer(HttpClient client, Queue<List<KeyValuePair<string, string>>> forms)
        {
            _client = client;
            _forms = forms;
        }

        public static async Task<Signer> CreateAsync(ChildApp app)
        {
            var client = app.CreateClient();
            using var page = await client.GetAsync("/pledge");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';', 2)[0])));
            var forms = new Queue<List<KeyValuePair<string, string>>>();
            forms.Enqueue(await HiddenFieldsAsync(page));
            while (forms.Count < FormsOpenedBefore)
            {
                using var another = await client.GetAsync("/pledge");
                Assert.Equal(HttpStatusCode.OK, another.StatusCode);
                forms.Enqueue(await HiddenFieldsAsync(another));
            }

            return new Signer(client, forms);
        }

        private static async Task<List<KeyValuePair<string, string>>> HiddenFieldsAsync(HttpResponseMessage page)
        {
            var form = (IHtmlFormElement)(await page.ReadHtmlAsync()).QuerySelector("form.pledge-form")!;
            return form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
                .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        }

        public async Task SignUntilFailureAsync(ConcurrentBag<string> thanked, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var email = $"crash-{Interlocked.Increment(ref _sequence)}@example.test";
                if (!_forms.TryDequeue(out var hidden))
                {
                    try
                    {
                        using var page = await _client.GetAsync("/pledge", CancellationToken.None);
                        if (page.StatusCode != HttpStatusCode.OK)
                        {
                            Assert.Fail($"Opening the pledge during the storm answered {(int)page.StatusCode}.");
                        }

                        hidden = await HiddenFieldsAsync(page);
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }

                var fields = new List<KeyValuePair<string, string>>(hidden)
                {
                    new("Input.SigningAs", "individual"),
                    new("Input.Name", "Crash Tester"),
                    new("Input.Affiliation", "staff"),
                    new("Input.Email", email),
                    new("Input.Actions", "report-and-support"),
                    new("Input.NameDisplay", "hidden"),
                };
                try
                {
                    using var content = new FormUrlEncodedContent(fields);
                    // Not cancelled by the test: only the kill ends a request, as it would for a real visitor.
                    using var response = await _client.PostAsync("/pledge", content, CancellationToken.None);
                    if (response.StatusCode == HttpStatusCode.Redirect
                        && response.Headers.Location?.OriginalString.StartsWith("/pledge/thank-you", StringComparison.Ordinal) == true)
                    {
                        thanked.Add(email);
                    }
                    else
                    {
                        Assert.Fail($"A signing during the storm answered {(int)response.StatusCode}.");
                    }
                }
                catch (HttpRequestException)
                {
                    return;
                }
            }
        }

        public void Dispose() => _client.Dispose();
    }
}
