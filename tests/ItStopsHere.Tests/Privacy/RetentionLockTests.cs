using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ItStopsHere.Tests.Privacy;

/// <summary>
/// Background work, once (issue 14): every retention job runs under its own advisory lock on PostgreSQL
/// (<see cref="JobLock"/>), so two instances (or an instance and a cron <c>retention run</c>) never run one
/// job at the same moment; the one that finds it running skips it and says so.
/// </summary>
public sealed class RetentionLockTests : IAsyncLifetime
{
    private readonly string _databasePath = SiteFactory.NewDatabasePath();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SiteFactory.DeleteDatabase(_databasePath);
        return Task.CompletedTask;
    }

    [Fact]
    public void EveryScheduledJob_HasALockKeyOfItsOwn()
    {
        using var site = new SiteFactory();
        var names = site.Services.GetRequiredService<IEnumerable<RetentionJobRegistration>>()
            .Select(r =>
            {
                using var scope = site.Services.CreateScope();
                return ((IRetentionJob)scope.ServiceProvider.GetRequiredService(r.JobType)).LockName;
            })
            .Append(JobLock.PledgeChangesPrune)
            .ToList();

        Assert.Contains("retention:email-outbox", names);
        Assert.Contains("retention:reports", names);
        // The mail folder is each server's own: its lock names the machine and the folder.
        Assert.Contains($"retention:email-folder:{Environment.MachineName}:{Path.GetFullPath(site.MailFolder)}", names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(names.Count, names.Select(JobLock.KeyOf).Distinct().Count());
        // The key is fixed by the name alone: every instance and every version computes the same one.
        Assert.Equal(JobLock.KeyOf("retention:ip-hash"), JobLock.KeyOf("retention:ip-hash"));
        Assert.NotEqual(JobLock.KeyOf("retention:ip-hash"), JobLock.KeyOf("retention:signer-email"));
    }

    [Fact]
    [Trait("Provider", "PostgreSqlOnly")]
    public async Task TwoInstancesRunRetentionAtTheSameMoment_EachJobRunsOnce_TheOtherReportsItSkipped()
    {
        RequirePostgreSql();
        var probe = new Probe();
        await using var a = WithProbe(EmailSite.For(smtp: null, _databasePath), probe);
        await using var b = WithProbe(EmailSite.For(smtp: null, _databasePath), probe);
        _ = a.Services;
        _ = b.Services;

        // Both start at once; whichever reaches the probe job first holds it (and its lock) until released.
        var runs = new[] { a, b }.Select(site => Task.Run(() => site.Services.RunRetentionJobsAsync())).ToList();
        await probe.Entered.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var first = await Task.WhenAny(runs).WaitAsync(TimeSpan.FromMinutes(2));
        var skipping = await first;
        probe.Release.SetResult();
        var running = await runs.Single(r => r != first).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(Assert.Single(skipping.Jobs, j => j.Job == Probe.Name).Skipped);
        var ran = Assert.Single(running.Jobs, j => j.Job == Probe.Name);
        Assert.False(ran.Skipped);
        Assert.True(ran.Succeeded);
        Assert.Equal(1, probe.Runs);
        Assert.Equal(1, probe.MostAtOnce);
        Assert.True(skipping.Succeeded);
        Assert.True(running.Succeeded);
        // The real jobs raced as well: any one skipped on one side was being run by the other, so every
        // job ran on at least one instance, and none was left undone by both.
        Assert.Equal(running.Jobs.Select(j => j.Job), skipping.Jobs.Select(j => j.Job));
        Assert.All(skipping.Jobs, j => Assert.False(j.Skipped && running.Jobs.Single(r => r.Job == j.Job).Skipped, $"{j.Job} was skipped by both"));
        var skippedSite = first == runs[0] ? a : b;
        Assert.Contains(skippedSite.Logs.Lines, l => l.Contains($"Retention: {Probe.Name} skipped: another instance is running it", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Provider", "PostgreSqlOnly")]
    public async Task AJobInTheMiddleOfItsWorkOnOneInstance_IsSkippedByTheOther_AndItsRowsAreDeletedOnce()
    {
        RequirePostgreSql();
        await using var a = EmailSite.For(smtp: null, _databasePath);
        await using var b = EmailSite.For(smtp: null, _databasePath);
        var oldSent = await a.EnqueueThankYouAsync("old.sent@example.ac.uk", m => Sent(m, DateTimeOffset.UtcNow.AddDays(-30)));
        var kept = await a.EnqueueThankYouAsync("recent.sent@example.ac.uk", m => Sent(m, DateTimeOffset.UtcNow.AddDays(-1)));
        _ = b.Services;

        // The test holds the old row, so A's email-outbox job stops in the middle of its DELETE, holding its job lock.
        Task<RetentionReport> onA;
        await using (var blocker = (NpgsqlConnection)TestDatabase.OpenForWriting(_databasePath))
        await using (var rowLock = await blocker.BeginTransactionAsync())
        {
            await using (var hold = new NpgsqlCommand("""SELECT "Id" FROM "OutboxMessages" WHERE "Id" = @id FOR UPDATE""", blocker, rowLock))
            {
                hold.Parameters.AddWithValue("id", oldSent.Id);
                await hold.ExecuteScalarAsync();
            }

            onA = Task.Run(() => a.Services.RunRetentionJobsAsync());
            await Eventually.TrueAsync(() => LockHeldAsync(JobLock.ForRetentionJob("email-outbox")), TimeSpan.FromMinutes(2), "A to take the email-outbox lock");
            await Eventually.TrueAsync(() => WaitingOnARowLockAsync(), TimeSpan.FromMinutes(2), "A's delete to wait for the row");

            var onB = await b.Services.RunRetentionJobsAsync();

            var skipped = Assert.Single(onB.Jobs, j => j.Job == "email-outbox");
            Assert.True(skipped.Skipped);
            Assert.Equal(0, skipped.Deleted);
            Assert.True(onB.Succeeded);
            Assert.False(onA.IsCompleted);
            Assert.Contains(b.Logs.Lines, l => l.Contains("Retention: email-outbox skipped: another instance is running it", StringComparison.Ordinal));
            Assert.DoesNotContain(b.Logs.Lines, l => l.Contains("Retention: email-outbox deleted", StringComparison.Ordinal));
            await rowLock.CommitAsync();
        }

        var reportA = await onA.WaitAsync(TimeSpan.FromMinutes(2));
        var deleted = Assert.Single(reportA.Jobs, j => j.Job == "email-outbox");
        Assert.False(deleted.Skipped);
        Assert.Equal(1, deleted.Deleted);
        Assert.Equal(new[] { kept.Id }, await a.WithDbAsync(db => db.OutboxMessages.Select(m => m.Id).ToListAsync()));
        // Released with A's transaction: the next run on B takes the lock again.
        var next = await b.Services.RunRetentionJobsAsync();
        Assert.Equal(0, next.Skipped);
    }

    [Fact]
    [Trait("Provider", "PostgreSqlOnly")]
    public async Task ALockHeldElsewhere_MakesTheInstanceSkipThatJobOnly_AndReleasingItLetsTheNextRunDoIt()
    {
        RequirePostgreSql();
        await using var site = EmailSite.For(smtp: null, _databasePath);
        var old = await site.EnqueueThankYouAsync("old@example.ac.uk", m => Sent(m, DateTimeOffset.UtcNow.AddDays(-30)));

        await using (var holder = await HoldLockAsync(JobLock.ForRetentionJob("email-outbox")))
        {
            var held = await site.Services.RunRetentionJobsAsync();

            Assert.True(held.Succeeded);
            Assert.True(Assert.Single(held.Jobs, j => j.Job == "email-outbox").Skipped);
            Assert.Equal(1, held.Skipped);
            Assert.All(held.Jobs.Where(j => j.Job != "email-outbox"), j => Assert.False(j.Skipped));
            Assert.True(await site.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Id == old.Id)));
        }

        var released = await site.Services.RunRetentionJobsAsync();

        Assert.Equal(0, released.Skipped);
        Assert.Equal(1, Assert.Single(released.Jobs, j => j.Job == "email-outbox").Deleted);
        Assert.False(await site.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Id == old.Id)));
    }

    [Fact]
    [Trait("Provider", "PostgreSqlOnly")]
    public async Task ALockWhoseHolderCrashed_IsFreedWithItsConnection()
    {
        RequirePostgreSql();
        await using var site = EmailSite.For(smtp: null, _databasePath);
        var old = await site.EnqueueThankYouAsync("old@example.ac.uk", m => Sent(m, DateTimeOffset.UtcNow.AddDays(-30)));
        await using var holder = await HoldLockAsync(JobLock.ForRetentionJob("email-outbox"));
        Assert.True(Assert.Single((await site.Services.RunRetentionJobsAsync()).Jobs, j => j.Job == "email-outbox").Skipped);

        // The holder's backend ends as a crashed instance's would (its connection gone, never committed or unlocked).
        await using (var admin = (NpgsqlConnection)TestDatabase.OpenForWriting(_databasePath))
        await using (var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin))
        {
            terminate.Parameters.AddWithValue("pid", holder.Connection.ProcessID);
            await terminate.ExecuteScalarAsync();
        }

        await Eventually.TrueAsync(async () => !await LockHeldAsync(JobLock.ForRetentionJob("email-outbox")), TimeSpan.FromMinutes(1), "the lock to be freed");
        var after = await site.Services.RunRetentionJobsAsync();
        Assert.Equal(1, Assert.Single(after.Jobs, j => j.Job == "email-outbox").Deleted);
        Assert.False(await site.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Id == old.Id)));
    }

    [Fact]
    [Trait("Provider", "PostgreSqlOnly")]
    public async Task TheMailFolderJob_IsEachServersOwn_AnotherFoldersRunNeverMakesItSkip()
    {
        RequirePostgreSql();
        await using var a = EmailSite.For(smtp: null, _databasePath);
        await using var b = EmailSite.For(smtp: null, _databasePath);
        var oldOnA = OldEml(a);
        var oldOnB = OldEml(b);
        string LockOf(SiteFactory site)
        {
            using var scope = site.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<MailFolderRetentionJob>().LockName;
        }

        // A is cleaning its folder right now (the test holds A's lock, as A's run would).
        await using (await HoldLockAsync(LockOf(a)))
        {
            var onB = await b.Services.RunRetentionJobsAsync();
            var onA = await a.Services.RunRetentionJobsAsync();

            Assert.Equal(1, Assert.Single(onB.Jobs, j => j.Job == "email-folder").Deleted);
            Assert.False(File.Exists(oldOnB));
            Assert.True(Assert.Single(onA.Jobs, j => j.Job == "email-folder").Skipped);
            Assert.True(File.Exists(oldOnA));
        }

        Assert.Equal(1, Assert.Single((await a.Services.RunRetentionJobsAsync()).Jobs, j => j.Job == "email-folder").Deleted);
        Assert.False(File.Exists(oldOnA));
    }

    [Fact]
    [Trait("Provider", "PostgreSqlOnly")]
    public async Task RetentionRunCommand_WhileAnInstanceRunsAJob_SkipsItAndSaysSo_ThenRunsItOnceFree()
    {
        RequirePostgreSql();
        long oldId;
        await using (var seeding = EmailSite.For(smtp: null, _databasePath))
        {
            oldId = (await seeding.EnqueueThankYouAsync("old@example.ac.uk", m => Sent(m, DateTimeOffset.UtcNow.AddDays(-30)))).Id;
        }

        var settings = new Dictionary<string, string>();
        await using (var holder = await HoldLockAsync(JobLock.ForRetentionJob("email-outbox")))
        {
            var (exit, output, error) = await ChildApp.RunAsync(_databasePath, settings, ["retention", "run"]);

            Assert.True(exit == 0, output + error);
            Assert.Contains("email-outbox: skipped: another instance is running it", output, StringComparison.Ordinal);
            Assert.Contains("ip-hash: deleted 0", output, StringComparison.Ordinal);
            Assert.Contains("1 job(s) skipped, running on another instance", output, StringComparison.Ordinal);
            await using var db = TestDatabase.Context(_databasePath);
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.Id == oldId));
        }

        var (again, againOutput, againError) = await ChildApp.RunAsync(_databasePath, settings, ["retention", "run"]);

        Assert.True(again == 0, againOutput + againError);
        Assert.Contains("email-outbox: deleted 1", againOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("skipped", againOutput, StringComparison.Ordinal);
    }

    private static void RequirePostgreSql() =>
        Assert.True(TestDatabase.IsPostgreSql, $"Run with {TestDatabase.ProviderVariable}=PostgreSQL (tests/test.sh does).");

    private static SiteFactory WithProbe(SiteFactory site, Probe probe) =>
        site.WithServices(services => services.AddSingleton(probe).AddRetentionJob<ProbeJob>());

    private static string OldEml(SiteFactory site)
    {
        _ = site.Services;
        Directory.CreateDirectory(site.MailFolder);
        var path = Path.Combine(site.MailFolder, "old.eml");
        File.WriteAllText(path, "x");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-30));
        return path;
    }

    private static void Sent(OutboxMessage m, DateTimeOffset at)
    {
        m.Status = OutboxStatus.Sent;
        m.SentAt = at;
        m.CreatedAt = at;
    }

    /// <summary>Takes the job's advisory lock as another instance would, in a transaction kept open until disposed.</summary>
    private async Task<LockHolder> HoldLockAsync(string name)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionStringFor(_databasePath)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@space, @key)", connection, transaction);
        take.Parameters.AddWithValue("space", JobLock.KeySpace);
        take.Parameters.AddWithValue("key", JobLock.KeyOf(name));
        await take.ExecuteNonQueryAsync();
        return new LockHolder(connection, transaction);
    }

    private sealed class LockHolder(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public NpgsqlConnection Connection => connection;

        public async ValueTask DisposeAsync()
        {
            try
            {
                await transaction.DisposeAsync();
            }
            catch (NpgsqlException)
            {
                // Its backend was terminated on purpose.
            }

            await connection.DisposeAsync();
        }
    }

    private async Task<bool> LockHeldAsync(string name)
    {
        await using var connection = (NpgsqlConnection)TestDatabase.Open(_databasePath);
        await using var query = new NpgsqlCommand("""
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND classid::bigint = @space AND objid::bigint = @key AND objsubid = 2
            """, connection);
        query.Parameters.AddWithValue("space", (long)(uint)JobLock.KeySpace);
        query.Parameters.AddWithValue("key", (long)(uint)JobLock.KeyOf(name));
        return (long)(await query.ExecuteScalarAsync())! > 0;
    }

    private async Task<bool> WaitingOnARowLockAsync()
    {
        await using var connection = (NpgsqlConnection)TestDatabase.Open(_databasePath);
        await using var query = new NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'DELETE%'
            """, connection);
        return (long)(await query.ExecuteScalarAsync())! > 0;
    }

    /// <summary>Shared by the two instances of one test: how often, and how many at once, the probe job ran.</summary>
    public sealed class Probe
    {
        public const string Name = "probe";
        private int _inside;
        private int _runs;
        private int _most;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Runs => Volatile.Read(ref _runs);

        public int MostAtOnce => Volatile.Read(ref _most);

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var inside = Interlocked.Increment(ref _inside);
            Interlocked.Increment(ref _runs);
            int most;
            while (inside > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, inside, most) != most)
            {
            }

            try
            {
                Entered.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inside);
            }
        }
    }

    private sealed class ProbeJob(Probe probe) : IRetentionJob
    {
        public string Name => Probe.Name;

        public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            await probe.RunAsync(cancellationToken);
            return 0;
        }
    }
}
