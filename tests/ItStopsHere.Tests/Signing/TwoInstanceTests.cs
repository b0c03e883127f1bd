using System.Collections.Concurrent;
using System.Text.Json;
using ItStopsHere.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace ItStopsHere.Tests.Signing;

/// <summary>
/// Two app instances as separate processes on one PostgreSQL database (issue 14): a signing on one reaches
/// live clients on the other, a storm split across both numbers every signature once, and one of them
/// killed mid-storm loses nothing while the other keeps serving. Needs the PostgreSQL signature writer
/// (numbers from the counter row locked in each batch's transaction).
/// PostgreSQL only: tests/test.sh runs them in its PostgreSQL run.
/// </summary>
[Trait("Provider", "PostgreSqlOnly")]
public sealed class TwoInstanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _databasePath = SiteFactory.NewDatabasePath();
    private readonly Dictionary<string, string> _settings = OperationsTestSupport.StormSettings(("Deployment:Instances", "2"));

    public Task InitializeAsync()
    {
        Assert.True(TestDatabase.IsPostgreSql, $"Run with {TestDatabase.ProviderVariable}=PostgreSQL (tests/test.sh does).");
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        TestDatabase.Drop(_databasePath);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SignedOnA_ALiveClientOnB_SeesTheSignatureAndTheCount()
    {
        await using var a = await ChildApp.StartAsync(_databasePath, _settings);
        await using var b = await ChildApp.StartAsync(_databasePath, _settings);
        using var bClient = b.CreateClient();
        using var onB = await LiveEvents.OpenAsync(bClient);
        await onB.NextCountAsync(0);

        using var signer = await StormSigner.CreateAsync(a, "across");
        var (_, refusal) = await signer.SignOnceAsync();
        Assert.Null(refusal);

        var signature = await onB.NextOfTypeAsync("signature", TimeSpan.FromSeconds(30));
        Assert.Equal(1, JsonDocument.Parse(signature.Data).RootElement.GetProperty("number").GetInt64());
        await onB.NextCountAsync(1);
    }

    [Fact]
    public async Task FiveHundredConcurrentSignings_SplitAcrossBoth_GiveNumbers1To500EachOnce_AndTheSameCountOnBoth()
    {
        const int SignersPerInstance = 10;
        const int SigningsEach = 25;
        await using var a = await ChildApp.StartAsync(_databasePath, _settings);
        await using var b = await ChildApp.StartAsync(_databasePath, _settings);
        var signers = await Task.WhenAll(
            Enumerable.Range(0, SignersPerInstance * 2).Select(i => StormSigner.CreateAsync(i % 2 == 0 ? a : b, $"split{i}", formsOpened: 5)));
        try
        {
            await Task.WhenAll(signers.Select(async signer =>
            {
                for (var i = 0; i < SigningsEach; i++)
                {
                    var (_, refusal) = await signer.SignOnceAsync();
                    Assert.Null(refusal);
                }
            }));
        }
        finally
        {
            foreach (var signer in signers)
            {
                signer.Dispose();
            }
        }

        await using (var connection = (NpgsqlConnection)TestDatabase.Open(_databasePath))
        await using (var numbers = new NpgsqlCommand("""SELECT "Number" FROM "Signatures" WHERE "Status" = 1 ORDER BY "Number" """, connection))
        await using (var reader = await numbers.ExecuteReaderAsync())
        {
            var found = new List<long>();
            while (await reader.ReadAsync())
            {
                found.Add(reader.GetInt64(0));
            }

            Assert.Equal(Enumerable.Range(1, 500).Select(n => (long)n), found);
        }

        foreach (var app in new[] { a, b })
        {
            using var client = app.CreateClient();
            using var live = await LiveEvents.OpenAsync(client);
            await live.NextCountAsync(500);
        }
    }

    /// <summary>
    /// The crash test across instances: a storm split across A and B, SIGKILL A in the middle of it (with
    /// its batches in flight, possibly holding the counter row's lock), B thanks every signing sent to it
    /// during and after the kill, A starts again. Then every thanked signing is there exactly once, the
    /// numbers run 1..N (nothing was erased, so no gap), and both instances show the count of published rows.
    /// Progress is counted, not timed: the kill comes once both have thanked signings, and the storm on B
    /// goes on until B has thanked more after the kill, however slow the machine.
    /// </summary>
    [Fact]
    public async Task SigkillOneInstanceMidStorm_TheOtherKeepsServing_AfterRestartEveryThankedSigningOnce_NumbersContiguous_CountsEqual()
    {
        const int SignersPerInstance = 8;
        const int ThankedBeforeKill = 20;
        const int ThankedOnBAfterKill = 30;
        var a = await ChildApp.StartAsync(_databasePath, _settings);
        await using var b = await ChildApp.StartAsync(_databasePath, _settings);
        var thanked = new ConcurrentQueue<string>();
        var thankedByA = new ConcurrentQueue<string>();
        var thankedByB = new ConcurrentQueue<string>();
        var signersA = await Task.WhenAll(Enumerable.Range(0, SignersPerInstance).Select(i => StormSigner.CreateAsync(a, $"crash-a{i}", formsOpened: 5)));
        var signersB = await Task.WhenAll(Enumerable.Range(0, SignersPerInstance).Select(i => StormSigner.CreateAsync(b, $"crash-b{i}", formsOpened: 5)));
        int thankedOnBAtKill;
        using var stop = new CancellationTokenSource();
        try
        {
            // On A: sign until A is gone (a refused or cut connection ends a signer; any other answer fails the test).
            var stormA = signersA.Select(s => s.SignUntilServerGoneAsync(thankedByA, stop.Token)).ToArray();
            // On B: every signing, during and after the kill, must be thanked.
            var stormB = signersB.Select(async signer =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var (email, refusal) = await signer.SignOnceAsync();
                    Assert.True(refusal is null, $"B, with A killed or not: {refusal}");
                    thankedByB.Enqueue(email);
                }
            }).ToArray();
            var storm = stormA.Concat(stormB).ToArray();

            await Eventually.TrueAsync(() => storm.Any(t => t.IsFaulted) || (thankedByA.Count >= ThankedBeforeKill && thankedByB.Count >= ThankedBeforeKill),
                TimeSpan.FromMinutes(3), "both instances to thank signings");
            if (storm.FirstOrDefault(t => t.IsFaulted) is { } failed)
            {
                await failed; // its assertion, as it was
            }

            await a.KillAsync();
            thankedOnBAtKill = thankedByB.Count;
            await Task.WhenAll(stormA);
            await Eventually.TrueAsync(() => stormB.Any(t => t.IsFaulted) || thankedByB.Count >= thankedOnBAtKill + ThankedOnBAfterKill,
                TimeSpan.FromMinutes(3), "B to go on thanking signings after A was killed");
            await stop.CancelAsync();
            await Task.WhenAll(stormB);
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var signer in signersA.Concat(signersB))
            {
                signer.Dispose();
            }

            await a.DisposeAsync();
        }

        foreach (var email in thankedByA.Concat(thankedByB))
        {
            thanked.Enqueue(email);
        }

        // A again, on the same database: it serves and numbers on from where both left off.
        await using var restarted = await ChildApp.StartAsync(_databasePath, _settings);
        using (var signer = await StormSigner.CreateAsync(restarted, "crash-again"))
        {
            var (email, refusal) = await signer.SignOnceAsync();
            Assert.Null(refusal);
            thanked.Enqueue(email);
        }

        var rows = new List<(string Email, long? Number, int Status)>();
        await using (var connection = (NpgsqlConnection)TestDatabase.Open(_databasePath))
        await using (var read = new NpgsqlCommand("""SELECT "NormalizedEmail", "Number", "Status" FROM "Signatures" """, connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetInt32(2)));
            }
        }

        var byEmail = rows.GroupBy(r => r.Email).ToDictionary(g => g.Key, g => g.Count());
        var lost = thanked.Where(e => !byEmail.ContainsKey(e)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} thanked signing(s) lost when A was killed, e.g. {lost.FirstOrDefault()}");
        Assert.All(byEmail, e => Assert.Equal(1, e.Value));
        Assert.All(rows, r => Assert.Equal(1, r.Status)); // published: the storm settings hold nothing
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(n => (long?)n), rows.Select(r => r.Number).Order());

        // The public count on both instances equals the published rows (B heard of A's last batches by NOTIFY).
        foreach (var (name, app) in new[] { ("B", b), ("A restarted", restarted) })
        {
            using var client = app.CreateClient();
            long shown = -1;
            await Eventually.TrueAsync(async () =>
            {
                using var stats = JsonDocument.Parse(await client.GetStringAsync("/pledge/stats"));
                shown = stats.RootElement.GetProperty("count").GetInt64();
                return shown == rows.Count;
            }, what: $"{name}'s count to be {rows.Count} (it shows {shown})");
            using var live = await LiveEvents.OpenAsync(client);
            await live.NextCountAsync(rows.Count);
        }

        output.WriteLine($"{thankedByA.Count} signings thanked by A before its SIGKILL, {thankedByB.Count} by B ({thankedByB.Count - thankedOnBAtKill} after the kill), "
            + $"1 by A restarted; {rows.Count} rows, numbers 1..{rows.Count} ({rows.Count - thanked.Count} committed by A but not answered before the kill)");
    }
}
