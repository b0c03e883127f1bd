using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
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

    private static readonly Dictionary<string, string> Settings = OperationsTestSupport.StormSettings();

    [Fact]
    public async Task SigkillMidStorm_ThreeTimes_EveryThankedSigningKeptOnceAndNumbersContiguous()
    {
        var databasePath = SiteFactory.NewDatabasePath();
        var thanked = new ConcurrentQueue<string>();
        try
        {
            // Kill after different lengths of storm, so the kill lands at different points of the write cycle.
            foreach (var stormMs in new[] { 400, 900, 1500 })
            {
                await using var app = await ChildApp.StartAsync(databasePath, Settings);
                var signers = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => StormSigner.CreateAsync(app, "crash", formsOpened: 10)));
                using var stop = new CancellationTokenSource();
                var storm = signers.Select(s => s.SignUntilServerGoneAsync(thanked, stop.Token)).ToArray();
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
            OperationsTestSupport.DeleteDatabase(databasePath);
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
        using var connection = TestDatabase.Open(databasePath);
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
}
