using System.Net;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Benchmark;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Signing;

public sealed class SignatureWriterTests : IAsyncLifetime
{
    private readonly PledgeSiteFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Add_ABadRowInABatch_FailsOnlyItself()
    {
        var writer = _factory.Writer();
        var tooLong = PledgeTestData.Signature("bad@example.ac.uk", new string('x', 81)); // refused by the table's CHECK constraint

        var outcomes = await Task.WhenAll(
            Enumerable.Range(1, 30).Select(i => writer.AddAsync(PledgeTestData.Signature($"good{i}@example.ac.uk"), CancellationToken.None))
                .Append(writer.AddAsync(tooLong, CancellationToken.None)));

        Assert.Equal(SignOutcomeKind.Failed, outcomes[^1].Kind);
        Assert.All(outcomes[..^1], o => Assert.Equal(SignOutcomeKind.Added, o.Kind));
        var rows = await _factory.SignaturesAsync();
        Assert.Equal(30, rows.Count);
        Assert.Equal(Enumerable.Range(1, 30).Select(n => (long?)n), rows.Select(r => r.Number).Order());
        Assert.Equal(30, _factory.Feed().Current.Count);
    }

    [Fact]
    public async Task Add_DuplicatesInOneBurst_StoreOneAndReportTheRestAsDuplicates()
    {
        var writer = _factory.Writer();

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            writer.AddAsync(PledgeTestData.Signature(i % 4 == 0 ? "same@example.ac.uk" : $"unique{i}@example.ac.uk"), CancellationToken.None)));

        Assert.Equal(16, outcomes.Count(o => o.Kind == SignOutcomeKind.Added));
        Assert.Equal(4, outcomes.Count(o => o.Kind == SignOutcomeKind.Duplicate));
        Assert.Equal(16, (await _factory.SignaturesAsync()).Count);
    }

    [Fact]
    public async Task ChangeStatus_HideLeavesAGap_RestoreKeepsTheNumber_NewSigningsNeverReuseIt()
    {
        var writer = _factory.Writer();
        var a = await writer.AddAsync(PledgeTestData.Signature("a@example.ac.uk", "Alpha Example"), CancellationToken.None);
        var b = await writer.AddAsync(PledgeTestData.Signature("b@example.ac.uk", "Bravo Example"), CancellationToken.None);
        Assert.Equal((1L, 2L), (a.Number, b.Number));

        Assert.Equal(1, await writer.ChangeStatusAsync([b.SignatureId!.Value], SignatureStatus.Hidden));

        Assert.Equal(1, _factory.Feed().Current.Count);
        Assert.DoesNotContain(_factory.Feed().Current.Latest, s => s.Number == 2);
        var c = await writer.AddAsync(PledgeTestData.Signature("c@example.ac.uk"), CancellationToken.None);
        Assert.Equal(3, c.Number);

        Assert.Equal(1, await writer.ChangeStatusAsync([b.SignatureId!.Value], SignatureStatus.Published));
        Assert.Equal(3, _factory.Feed().Current.Count);
        var restored = await _factory.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Id == b.SignatureId));
        Assert.Equal(2, restored.Number);
        Assert.Equal([3L, 2L, 1L], _factory.Feed().Current.Latest.Select(s => s.Number));
        Assert.Equal(0, await writer.ChangeStatusAsync([b.SignatureId!.Value], SignatureStatus.Published));
    }

    [Fact]
    public async Task ChangeStatus_ApprovingAHeldSignature_NumbersItAtPublication()
    {
        var writer = _factory.Writer();
        var held = await writer.AddAsync(PledgeTestData.Signature("held@example.ac.uk", status: SignatureStatus.Held), CancellationToken.None);
        await writer.AddAsync(PledgeTestData.Signature("later@example.ac.uk"), CancellationToken.None);
        Assert.Null(held.Number);
        Assert.Equal(1, _factory.Feed().Current.Count);

        await writer.ChangeStatusAsync([held.SignatureId!.Value], SignatureStatus.Published);

        var row = await _factory.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Id == held.SignatureId));
        Assert.Equal(2, row.Number);
        Assert.NotNull(row.PublishedAt);
        Assert.Equal(2, _factory.Feed().Current.Count);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.PledgeStates.Select(s => s.LastNumber).SingleAsync()));
    }

    [Fact]
    public async Task Erase_DeletesPersonalDataAndTheNumberIsNotReused()
    {
        var writer = _factory.Writer();
        var gone = await writer.AddAsync(PledgeTestData.Signature("erase@example.ac.uk", "Eraser Example"), CancellationToken.None);

        Assert.Equal(1, await writer.EraseAsync([gone.SignatureId!.Value]));

        Assert.Empty(await _factory.SignaturesAsync());
        Assert.Equal(0, _factory.Feed().Current.Count);
        var next = await writer.AddAsync(PledgeTestData.Signature("erase@example.ac.uk", "Eraser Example"), CancellationToken.None);
        Assert.Equal(2, next.Number);
    }

    [Fact]
    public async Task RunAsync_WorkThatThrows_FailsAloneAndRollsBack()
    {
        var writer = _factory.Writer();
        var neighbour = writer.AddAsync(PledgeTestData.Signature("neighbour@example.ac.uk"), CancellationToken.None);

        var failing = writer.RunAsync<int>(tx =>
        {
            tx.SetStatus(1, SignatureStatus.Hidden);
            throw new InvalidOperationException("refused");
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(SignOutcomeKind.Added, (await neighbour).Kind);
        Assert.Equal(SignatureStatus.Published, (await _factory.SignaturesAsync()).Single().Status);
    }

    [Fact]
    public async Task Add_WhenQueueIsFull_AnswersBusyInsteadOfWaiting()
    {
        await using var factory = new PledgeSiteFactory().With("Pledge:Writer:QueueCapacity", "1");
        var writer = factory.Writer();
        using var release = new ManualResetEventSlim();
        using var started = new SemaphoreSlim(0);
        var blocker = writer.RunAsync(_ =>
        {
            started.Release();
            release.Wait(TimeSpan.FromSeconds(30));
            return 0;
        });
        await started.WaitAsync(TimeSpan.FromSeconds(10));

        var queued = writer.AddAsync(PledgeTestData.Signature("queued@example.ac.uk"), CancellationToken.None);
        var refused = await writer.AddAsync(PledgeTestData.Signature("refused@example.ac.uk"), CancellationToken.None);
        release.Set();

        Assert.Equal(SignOutcomeKind.Busy, refused.Kind);
        Assert.Equal(SignOutcomeKind.Added, (await queued).Kind);
        await blocker;
        Assert.Single(await factory.SignaturesAsync());
    }

    [Fact]
    public async Task Shutdown_DrainsTheQueueBeforeStopping()
    {
        var path = Path.Combine(Path.GetTempPath(), "itstopshere-tests", $"drain-{Guid.NewGuid():N}.db");
        try
        {
            List<Task<SignOutcome>> pending;
            await using (var factory = new PledgeSiteFactory().WithDatabase(path))
            {
                var writer = factory.Writer();
                pending = Enumerable.Range(1, 300).Select(i => writer.AddAsync(PledgeTestData.Signature($"drain{i}@example.ac.uk"), CancellationToken.None)).ToList();
            }

            var outcomes = await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.All(outcomes, o => Assert.Equal(SignOutcomeKind.Added, o.Kind));
            await using var connection = TestDatabase.Open(path);
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*), MAX(\"Number\") FROM \"Signatures\"";
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal(300, reader.GetInt64(0));
            Assert.Equal(300, reader.GetInt64(1));
        }
        finally
        {
            SiteFactory.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task Restart_ReloadsCountFeedAndNumbering()
    {
        var path = Path.Combine(Path.GetTempPath(), "itstopshere-tests", $"restart-{Guid.NewGuid():N}.db");
        try
        {
            await using (var first = new PledgeSiteFactory().WithDatabase(path))
            {
                var writer = first.Writer();
                await writer.AddAsync(PledgeTestData.Signature("r1@example.ac.uk", "Rona Example"), CancellationToken.None);
                var hidden = await writer.AddAsync(PledgeTestData.Signature("r2@example.ac.uk"), CancellationToken.None);
                await writer.ChangeStatusAsync([hidden.SignatureId!.Value], SignatureStatus.Hidden);
            }

            await using var second = new PledgeSiteFactory().WithDatabase(path);
            Assert.Equal(1, second.Feed().Current.Count);
            Assert.Equal("Rona Example", second.Feed().Current.Latest.Single().DisplayName);
            var next = await second.Writer().AddAsync(PledgeTestData.Signature("r3@example.ac.uk"), CancellationToken.None);
            Assert.Equal(3, next.Number);
        }
        finally
        {
            SiteFactory.DeleteDatabase(path);
        }
    }
}

/// <summary>The benchmark's storage switches: off by default, working when set in the Benchmark environment, refused anywhere else.</summary>
public class StorageModeTests
{
    [Fact]
    public async Task NaiveMode_StoresEachSigningWithCorrectNumbers()
    {
        await using var factory = new BenchmarkFactory("Naive");
        var client = factory.CreateBrowserLikeClient();
        // The first page load sets the antiforgery cookie that all the forms then share.
        IHtmlFormElement[] forms = [await client.GetPledgeFormAsync(), .. await Task.WhenAll(Enumerable.Range(2, 24).Select(_ => client.GetPledgeFormAsync()))];

        var statuses = await Task.WhenAll(Enumerable.Range(1, 25).Select(async i =>
        {
            using var response = await client.SubmitAsync(forms[i - 1], PledgeTestData.ValidForm($"naive{i}@example.ac.uk"));
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Redirect, s));
        var rows = await factory.SignaturesAsync();
        Assert.Equal(Enumerable.Range(1, 25).Select(n => (long?)n), rows.Select(r => r.Number).Order());
        Assert.Equal(25, factory.Feed().Current.Count);
        // The same work as the real writer, so the benchmark compares like with like: a personal link's
        // hash on every row, and a thank-you for each in the outbox.
        Assert.All(rows, r => Assert.NotNull(r.ManageTokenHash));
        var outbox = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());
        Assert.Equal(rows.Select(r => $"signature:{r.Id}").Order(), outbox.Select(m => m.Reference).Order());
        Assert.All(outbox, m => Assert.Equal(Web.Email.EmailTemplates.ThankYouKind, m.Kind));
    }

    [Fact]
    public async Task OffMode_AnswersLikeSigningButStoresNothing()
    {
        await using var factory = new BenchmarkFactory("Off");
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.SignAsync(PledgeTestData.ValidForm("ceiling@example.ac.uk"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await factory.SignaturesAsync());
    }

    [Fact]
    public void BenchmarkModes_AreRefusedOutsideTheBenchmarkEnvironment()
    {
        static IConfiguration Mode(string value) =>
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Pledge:Benchmark:StorageMode"] = value }).Build();
        static Microsoft.Extensions.Hosting.Internal.HostingEnvironment Environment(string name) => new() { EnvironmentName = name };

        foreach (var name in new[] { "Production", "Staging", "Development", "Testing" })
        {
            Assert.Contains($"refused in {name}", BenchmarkStorage.Problem(Mode("Naive"), Environment(name)), StringComparison.Ordinal);
            Assert.Contains("Pledge:Benchmark:StorageMode", BenchmarkStorage.Problem(Mode("Off"), Environment(name)), StringComparison.Ordinal);
            Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddBenchmarkStore(Mode("Off"), Environment(name)));
            Assert.Null(BenchmarkStorage.Problem(Mode("Batched"), Environment(name)));
        }

        Assert.Null(BenchmarkStorage.Problem(Mode("Naive"), Environment("Benchmark")));
        Assert.Null(BenchmarkStorage.Problem(Mode("Off"), Environment("Benchmark")));
        Assert.Contains("Pledge:Benchmark:StorageMode", BenchmarkStorage.Problem(Mode("Fast"), Environment("Benchmark")), StringComparison.Ordinal);
    }

    [Fact]
    public void App_InStagingWithBenchmarkMode_RefusesToStart()
    {
        using var factory = new StagingFactory();

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("without ever building an IHost", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void App_InProductionWithBenchmarkMode_RefusesToStart()
    {
        using var factory = new ProductionFactory();

        // The Production start-up check stops it before the host is built (the real process exits 78 with
        // these words on standard error: Deployment/ProductionStartupTests), and so would SigningServices.
        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("without ever building an IHost", failure.ToString(), StringComparison.Ordinal);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Pledge:Benchmark:StorageMode"] = "Off" }).Build();
        var production = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" };
        Assert.Contains(ItStopsHere.Web.Infrastructure.ProductionReadiness.Problems(configuration, production), p => p.Contains("refused in Production", StringComparison.Ordinal));
    }

    /// <summary>The app as the benchmark starts it: the Benchmark environment, with a storage mode.</summary>
    private sealed class BenchmarkFactory : PledgeSiteFactory
    {
        public BenchmarkFactory(string mode) => With("Pledge:Benchmark:StorageMode", mode);

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(BenchmarkStorage.EnvironmentName);
        }
    }

    private sealed class StagingFactory : PledgeSiteFactory
    {
        public StagingFactory() => With("Pledge:Benchmark:StorageMode", "Naive");

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Staging");
        }
    }

    private sealed class ProductionFactory : PledgeSiteFactory
    {
        public ProductionFactory() => With("Pledge:Benchmark:StorageMode", "Off");

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}

public class FeedFromMemoryTests
{
    // Both providers. Rows are deleted behind the app's back, so a page that counted rows would say 0. On
    // PostgreSQL the change log's triggers would tell every instance of such a delete (the count follows the
    // database there by design, across instances), so the test deletes with triggers off
    // (session_replication_role = replica, as its superuser may): the log never hears of it, and the count
    // must still come from memory, not from a COUNT of the table.
    [Fact]
    public async Task PageViews_ReadTheCountFromMemory_NotFromTheDatabase()
    {
        await using var factory = new PledgeSiteFactory();
        var writer = factory.Writer();
        for (var i = 1; i <= 3; i++)
        {
            await writer.AddAsync(PledgeTestData.Signature($"memory{i}@example.ac.uk", "Memo Example"), CancellationToken.None);
        }

        // Behind the app's back: if a page counted rows, it would now say 0.
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgreSql
            ? "SET session_replication_role = replica; DELETE FROM \"Signatures\"; RESET session_replication_role;"
            : "DELETE FROM \"Signatures\""));
        Assert.Empty(await factory.SignaturesAsync());
        var client = factory.CreateBrowserLikeClient();

        Assert.Equal("3", (await client.GetHtmlAsync("/pledge")).QuerySelector("[data-pledge-count]").Text());
        Assert.Equal("3", (await client.GetHtmlAsync("/")).QuerySelector("[data-pledge-count]").Text());
        Assert.Contains("\"count\":3", await client.GetStringAsync("/pledge/stats"), StringComparison.Ordinal);
    }
}
