using System.Text.Json;
using ItStopsHere.Tests.Support;
using Npgsql;

namespace ItStopsHere.Tests.Signing;

/// <summary>
/// Two app instances as separate processes on one PostgreSQL database (issue 14): a signing on one reaches
/// live clients on the other, and a storm split across both numbers every signature once. Needs the
/// PostgreSQL signature writer (numbers from the counter row locked in each batch's transaction).
/// PostgreSQL only: tests/test.sh runs them in its PostgreSQL run.
/// </summary>
[Trait("Provider", "PostgreSqlOnly")]
public sealed class TwoInstanceTests : IAsyncLifetime
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
}
