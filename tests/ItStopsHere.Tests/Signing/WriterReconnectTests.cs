using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Signing;

namespace ItStopsHere.Tests.Signing;

/// <summary>
/// PostgreSQL ends the writer's session (<c>pg_terminate_backend</c>, as a restart, a failover or an operator
/// would): the writer opens a new connection by itself, the next signing succeeds without restarting the app,
/// and every signing it acknowledged is stored exactly once with a unique, gap-free number. PostgreSQL only:
/// SQLite's connection is a file and is never ended from outside.
/// </summary>
[Trait("Provider", "PostgreSqlOnly")]
public sealed class WriterReconnectTests : IAsyncLifetime
{
    private readonly PledgeSiteFactory _factory = new();

    public Task InitializeAsync()
    {
        Assert.True(TestDatabase.IsPostgreSql, $"Run with {TestDatabase.ProviderVariable}=PostgreSQL (tests/test.sh does).");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task WritersConnectionEnded_TheNextSigningSucceeds_OnANewConnection()
    {
        var writer = _factory.Writer();
        var first = await writer.AddAsync(PledgeTestData.Signature("before@example.ac.uk"), CancellationToken.None);
        Assert.Equal((SignOutcomeKind.Added, 1L), (first.Kind, first.Number));
        var ended = TerminateWriter();
        Assert.Single(ended);

        var after = await writer.AddAsync(PledgeTestData.Signature("after@example.ac.uk"), CancellationToken.None);

        Assert.Equal((SignOutcomeKind.Added, 2L), (after.Kind, after.Number));
        Assert.Contains(WriterBackends(), pid => pid != ended[0]);
        var rows = await _factory.SignaturesAsync();
        Assert.Equal(["after@example.ac.uk", "before@example.ac.uk"], rows.Select(r => r.NormalizedEmail).Order());
        Assert.Equal(2, _factory.Feed().Current.Count);
    }

    [Fact]
    public async Task WritersConnectionEndedDuringAStorm_EveryAcknowledgedSigningStoredOnce_NumbersUniqueAndGapFree()
    {
        var writer = _factory.Writer();
        var signings = Enumerable.Range(1, 400).Select(async i =>
        {
            // Spread over a few seconds so that batches are in flight when the connection is ended.
            await Task.Delay(i * 5);
            var email = $"storm{i}@example.ac.uk";
            return (Email: email, Outcome: await writer.AddAsync(PledgeTestData.Signature(email), CancellationToken.None));
        }).ToList();
        var terminated = 0;
        for (var round = 0; round < 3; round++)
        {
            await Task.Delay(400);
            terminated += TerminateWriter().Count;
        }

        var outcomes = await Task.WhenAll(signings);
        var last = await writer.AddAsync(PledgeTestData.Signature("last@example.ac.uk"), CancellationToken.None);

        Assert.True(terminated >= 1, "The writer's connection was never found to end.");
        Assert.Equal(SignOutcomeKind.Added, last.Kind);
        // Each signer was answered: stored, or (connection lost while its batch committed) asked to try again.
        Assert.All(outcomes, o => Assert.Contains(o.Outcome.Kind, new[] { SignOutcomeKind.Added, SignOutcomeKind.Failed }));
        var rows = await _factory.SignaturesAsync();
        var stored = rows.GroupBy(r => r.NormalizedEmail ?? "").ToDictionary(g => g.Key, g => g.Count());
        Assert.All(outcomes.Where(o => o.Outcome.Kind == SignOutcomeKind.Added), o => Assert.Equal(1, stored.GetValueOrDefault(o.Email)));
        Assert.All(stored, s => Assert.Equal(1, s.Value));
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(n => (long?)n), rows.Select(r => r.Number).Order());
        var acknowledged = outcomes.Where(o => o.Outcome.Kind == SignOutcomeKind.Added).Select(o => o.Outcome.Number).Append(last.Number).ToList();
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
        Assert.All(acknowledged, n => Assert.Contains(n, rows.Select(r => r.Number)));
    }

    /// <summary>The process ids of the writer's backends on this test's database.</summary>
    private List<int> WriterBackends() => Query(
        $"SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '{SignatureWriter.ApplicationNamePrefix}%'");

    /// <summary>Ends the writer's session as an operator or a server restart would; returns the ended backends.</summary>
    private List<int> TerminateWriter() => Query(
        $"""
        SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name LIKE '{SignatureWriter.ApplicationNamePrefix}%' AND pg_terminate_backend(pid)
        """);

    private List<int> Query(string sql)
    {
        using var connection = TestDatabase.OpenForWriting(_factory.DatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var pids = new List<int>();
        while (reader.Read())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }
}
