using System.Text.Json;
using System.Threading.Channels;
using ItStopsHere.Web.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// The only writer of signatures. Requests put their signature on a bounded queue and wait; the writer
/// takes everything waiting and commits it in one transaction (group commit), then completes each
/// request. With <c>synchronous=FULL</c> one disk flush covers the whole batch, so throughput grows with
/// load instead of collapsing into a queue of single-row commits, and a thanked signer's signature
/// survives a crash. A repeat address or a bad row fails only itself: duplicates are found with one
/// query before inserting (and <c>ON CONFLICT DO NOTHING</c> catches any that slip past), and if the
/// batch still fails it is retried one item per transaction. A full queue answers Busy (503) rather
/// than growing without bound. On shutdown the queue is closed and drained.
/// <para>Later state changes (moderation, confirmation, withdrawal) run through <see cref="RunAsync{T}"/>
/// in the same transactions, so the count, numbering and live feeds stay in step.</para>
/// </summary>
public sealed class SignatureWriter : BackgroundService, ISignatureStore
{
    private const string ExistingEmailsSql = """
        SELECT "NormalizedEmail" FROM "Signatures"
        WHERE "NormalizedEmail" IN (SELECT value FROM json_each(@emails))
        """;

    private const string PostgreSqlExistingEmailsSql = """
        SELECT "NormalizedEmail" FROM "Signatures" WHERE "NormalizedEmail" = ANY(@emails)
        """;

    private const string OfflineTotalSql = "SELECT coalesce(sum(\"Count\"), 0) FROM \"OfflinePledges\"";

    private readonly Channel<WorkItem> _queue;
    private readonly PledgeFeed _feed;
    private readonly ClientHasher _hasher;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<SignatureWriter> _logger;
    private readonly ISigningFollowUp[] _followUps;
    private readonly SigningLoad _load;
    private readonly WriteGate _gate;
    private readonly int _maxBatch;
    private readonly int _busyTimeoutMs;
    private readonly int _feedSize;
    private DbConnection? _connection;
    private DbCommand? _insert;
    private DbCommand? _insertAll;
    private DbCommand? _existing;
    private bool _postgreSql;
    private string? _connectionString;
    private bool _committing;

    public SignatureWriter(
        IOptions<PledgeOptions> options,
        IOptions<DatabaseOptions> database,
        PledgeFeed feed,
        ClientHasher hasher,
        IServiceScopeFactory scopes,
        TimeProvider clock,
        ILogger<SignatureWriter> logger,
        IEnumerable<ISigningFollowUp> followUps,
        SigningLoad load,
        WriteGate gate)
    {
        _load = load;
        _gate = gate;
        _followUps = followUps.ToArray();
        var writer = options.Value.Writer;
        _queue = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(writer.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _maxBatch = writer.MaxBatchSize;
        _busyTimeoutMs = database.Value.BusyTimeoutMs;
        _feedSize = feed.FeedSize;
        _feed = feed;
        _hasher = hasher;
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>
    /// The start of the <c>application_name</c> of the writer's PostgreSQL connection, then its process id
    /// (an operator finds it in <c>pg_stat_activity</c>, a test ends it with <c>pg_terminate_backend</c>).
    /// </summary>
    public const string ApplicationNamePrefix = "itstopshere-writer";

    /// <summary>Signatures and changes waiting to be written.</summary>
    public int QueueLength => _queue.Reader.Count;

    public Task<SignOutcome> AddAsync(NewSignature signature, CancellationToken cancellationToken)
    {
        var item = new SignWork(signature);
        if (!_queue.Writer.TryWrite(item))
        {
            Operations.SiteMetrics.WriterRefusals.Add(1);
            return Task.FromResult(SignOutcome.Busy);
        }

        // The signature is committed whether or not this request is still waiting for it.
        return item.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the writer's next transaction, in order with signings, and
    /// returns its result once committed; the feed, count and live clients are updated from what it
    /// changed through <see cref="SignatureTransaction"/>. If it throws, only it is rolled back.
    /// Throws <see cref="WriterBusyException"/> when the queue is full or closed (nothing was changed).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<SignatureTransaction, T> work, CancellationToken cancellationToken = default)
    {
        var item = new TransactionWork(tx => work(tx));
        if (!_queue.Writer.TryWrite(item))
        {
            Operations.SiteMetrics.WriterRefusals.Add(1);
            throw new WriterBusyException();
        }

        return (T)(await item.Completion.Task.WaitAsync(cancellationToken))!;
    }

    /// <summary>Approve, hide or restore: moves each signature to <paramref name="status"/>. Returns how many changed.</summary>
    public Task<int> ChangeStatusAsync(IReadOnlyCollection<long> signatureIds, SignatureStatus status, CancellationToken cancellationToken = default) =>
        RunAsync(tx => signatureIds.Count(id => tx.SetStatus(id, status)), cancellationToken);

    /// <summary>Deletes signatures and their personal data for good. Returns how many were deleted.</summary>
    public Task<int> EraseAsync(IReadOnlyCollection<long> signatureIds, CancellationToken cancellationToken = default) =>
        RunAsync(tx => signatureIds.Count(tx.Erase), cancellationToken);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        string connectionString;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var database = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database;
            connectionString = database.GetConnectionString()
                ?? throw new InvalidOperationException("No connection string for the signature writer.");
            _postgreSql = !database.IsSqlite();
        }

        _connectionString = _postgreSql
            ? new NpgsqlConnectionStringBuilder(connectionString)
            {
                ApplicationName = $"{ApplicationNamePrefix} {Environment.ProcessId}",
                // One connection for the app's life: a pool would only keep a dead one to hand back after a restart.
                Pooling = false,
                // A server or network gone quiet is noticed within a minute, not only at the next batch.
                KeepAlive = 30,
            }.ConnectionString
            : connectionString;
        Open();
        _hasher.Initialize(_connection!);
        _feed.Load(LoadFeedSeed(_connection!));
        _logger.LogInformation("Pledge loaded: {Count} published signature(s)", _feed.Current.Count);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Take no more work, but finish everything already accepted: those people are waiting for an answer.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        CloseConnection();
        base.Dispose();
    }

    /// <summary>Opens the writer's connection and makes its commands (at start, and again after PostgreSQL dropped it).</summary>
    private void Open()
    {
        if (_postgreSql)
        {
            // synchronous_commit stays at the server's default, on: a commit is acknowledged once it is on disk.
            _connection = new NpgsqlConnection(_connectionString);
            _connection.Open();
            _insertAll = SignatureColumns.PrepareInsertAll(_connection);
        }
        else
        {
            _connection = new SqliteConnection(_connectionString);
            _connection.Open();
            using var pragmas = _connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={_busyTimeoutMs}; PRAGMA foreign_keys=ON;";
            pragmas.ExecuteNonQuery();
        }

        _insert = SignatureColumns.PrepareInsert(_connection);
        _existing = _connection.CreateCommand();
        _existing.CommandText = _postgreSql ? PostgreSqlExistingEmailsSql : ExistingEmailsSql;
        _existing.With("emails", null);
    }

    private void CloseConnection()
    {
        _insert?.Dispose();
        _insertAll?.Dispose();
        _existing?.Dispose();
        _connection?.Dispose();
        (_insert, _insertAll, _existing, _connection) = (null, null, null, null);
    }

    /// <summary>
    /// PostgreSQL ended the writer's session (<c>pg_terminate_backend</c>, a restart, a failover, the network):
    /// the connection is no longer open. SQLite's never closes by itself.
    /// </summary>
    private bool ConnectionLost => _postgreSql && _connection?.State != System.Data.ConnectionState.Open;

    /// <summary>Opens a new connection in place of a lost one; false (logged) if the server cannot be reached yet.</summary>
    private bool Reopen()
    {
        CloseConnection();
        try
        {
            Open();
            _logger.LogInformation("The signature writer reconnected to the database");
            return true;
        }
        catch (Exception ex) when (ex is DbException or System.Net.Sockets.SocketException or TimeoutException)
        {
            CloseConnection();
            _logger.LogError(ex, "The signature writer cannot reach the database");
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var batch = new List<WorkItem>(_maxBatch);
        // Not cancelled by stoppingToken: the loop ends when the queue is closed and empty (drained).
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            _load.Report(batch.Count);
            using (await _gate.EnterAsync())
            {
                try
                {
                    ProcessBatch(batch);
                }
                catch (Exception ex)
                {
                    // Nothing may end this loop while work is queued: every waiting signer would wait for ever.
                    // Answer this batch as failed (already-answered items keep their answer) and go on.
                    _logger.LogError(ex, "A batch of {BatchSize} could not be written", batch.Count);
                    FailAll(batch, ex, stored: false);
                }
            }

            batch.Clear();
        }

        _logger.LogInformation("Signature writer stopped; queue drained");
    }

    private void ProcessBatch(List<WorkItem> batch, bool reconnected = false)
    {
        if (_connection is null && !Reopen())
        {
            // The database is still out of reach (a connection lost earlier could not be made again).
            FailAll(batch, null, stored: false);
            return;
        }

        Committed? committed = null;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            committed = Commit(batch);
            Operations.SiteMetrics.WriterBatchSize.Record(batch.Count);
            Operations.SiteMetrics.WriterCommitDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            Operations.SiteMetrics.Signings.Add(committed.Results.Count(r => r is SignOutcome { Kind: SignOutcomeKind.Added }));
        }
        catch (Exception ex) when (ConnectionLost)
        {
            // The server ended this connection. Before COMMIT was sent nothing of the batch was stored (the server
            // rolls back the transaction of a session it ends), so it is retried once, whole, on a new connection:
            // a signer then waits a moment longer instead of being turned away. If the connection went during
            // COMMIT, whether the batch was stored cannot be known: a retry could act twice (a repeat email for a
            // stored signature, a moderation applied again), so every item fails and the signers get the "very
            // busy, try again" answer (503); a signer who tries again meets a repeat at worst, never a second row.
            var unknown = _committing;
            _committing = false;
            _logger.LogWarning(ex, "The database connection was lost while writing a batch of {BatchSize}{Outcome}",
                batch.Count, unknown ? " during its commit; its items are answered as failed" : "; nothing of it was stored");
            if (!unknown && !reconnected && Reopen())
            {
                ProcessBatch(batch, reconnected: true);
                return;
            }

            FailAll(batch, ex, stored: unknown);
            return;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // Something in the batch was refused. Retry one item per transaction so only the bad one fails.
            _logger.LogWarning(ex, "A batch of {BatchSize} failed; retrying its items one by one", batch.Count);
            foreach (var item in batch)
            {
                ProcessBatch([item]);
            }

            return;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A {WorkType} could not be written", batch[0].GetType().Name);
            batch[0].Fail(ex);
            return;
        }

        Publish(committed);
    }

    /// <summary>
    /// Answers every item of a batch the database did not take: signers get the "very busy" answer; other work
    /// gets <see cref="WriterBusyException"/> when nothing of it was stored, or the error itself when it
    /// <paramref name="stored"/> may have been (the connection went during COMMIT).
    /// </summary>
    private static void FailAll(List<WorkItem> batch, Exception? cause, bool stored)
    {
        var exception = cause ?? new InvalidOperationException("The database cannot be reached.");
        foreach (var item in batch)
        {
            item.Fail(item is TransactionWork && !stored ? new WriterBusyException() : exception);
        }
    }

    /// <summary>Everything in one transaction. Throws (having rolled back) if anything fails.</summary>
    private Committed Commit(List<WorkItem> batch)
    {
        var connection = _connection!;
        _committing = false;
        // SQLite: IMMEDIATE, the write lock from the start. PostgreSQL: READ COMMITTED; the counter row's
        // lock (SignatureTransaction) orders batches across instances.
        using DbTransaction transaction = connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : connection.BeginTransaction();
        var tx = new SignatureTransaction(connection, transaction, _clock.GetUtcNow(), _scopes);
        _insert!.Transaction = transaction;
        _existing!.Transaction = transaction;
        _insertAll?.Transaction = transaction;

        var signings = batch.OfType<SignWork>().ToList();
        var taken = signings.Count == 0 ? [] : ExistingEmails(signings);
        var results = new object?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            if (_insertAll is not null && batch[i] is SignWork)
            {
                // PostgreSQL: the signings up to the next other item go in as one statement.
                var end = i + 1;
                while (end < batch.Count && batch[end] is SignWork)
                {
                    end++;
                }

                InsertRun(tx, batch, i, end, taken, results);
                i = end - 1;
                continue;
            }

            results[i] = batch[i] switch
            {
                // Seen before (in the database or earlier in this batch): a repeat, which changes nothing.
                SignWork sign when !taken.Add(sign.Signature.NormalizedEmail) => SignOutcome.Duplicate,
                SignWork sign => tx.Insert(sign.Signature, _insert),
                TransactionWork work => work.Work(tx),
                _ => throw new InvalidOperationException("Unknown work item."),
            };
            if (batch[i] is SignWork signed && results[i] is SignOutcome outcome)
            {
                FollowUp(tx, signed.Signature, outcome);
            }
        }

        tx.SaveCounter();
        _committing = true;
        transaction.Commit();
        _committing = false;
        foreach (var followUp in _followUps)
        {
            followUp.Committed();
        }

        return new Committed(batch.ToArray(), results, tx.Changes, tx.LastNumber, tx.AnyTakenDown, tx.OfflineDelta);
    }

    /// <summary>
    /// PostgreSQL: the signings <c>batch[start..end)</c> with one multi-row insert (a round trip to the server
    /// per run of signings rather than per signing; <see cref="SignatureTransaction.InsertAll"/>), then each
    /// one's follow-ups in order, as the one-by-one path would.
    /// </summary>
    private void InsertRun(SignatureTransaction tx, List<WorkItem> batch, int start, int end, HashSet<string> taken, object?[] results)
    {
        var fresh = new List<int>(end - start);
        for (var j = start; j < end; j++)
        {
            if (taken.Add(((SignWork)batch[j]).Signature.NormalizedEmail))
            {
                fresh.Add(j);
            }
            else
            {
                results[j] = SignOutcome.Duplicate;
            }
        }

        IReadOnlyList<SignOutcome> added = fresh.Count switch
        {
            0 => [],
            // One row: the prepared single insert, which answers a repeat the pre-check missed without a gap.
            1 => [tx.Insert(((SignWork)batch[fresh[0]]).Signature, _insert!)],
            _ => tx.InsertAll([.. fresh.Select(j => ((SignWork)batch[j]).Signature)], _insertAll!),
        };
        for (var k = 0; k < fresh.Count; k++)
        {
            results[fresh[k]] = added[k];
        }

        for (var j = start; j < end; j++)
        {
            FollowUp(tx, ((SignWork)batch[j]).Signature, (SignOutcome)results[j]!);
        }
    }

    private void FollowUp(SignatureTransaction tx, NewSignature signature, SignOutcome outcome)
    {
        foreach (var followUp in _followUps)
        {
            if (outcome.Kind == SignOutcomeKind.Added)
            {
                followUp.Added(tx, signature, outcome);
            }
            else if (outcome.Kind == SignOutcomeKind.Duplicate)
            {
                followUp.Repeated(tx, signature);
            }
        }
    }

    private HashSet<string> ExistingEmails(List<SignWork> signings)
    {
        var emails = signings.Select(s => s.Signature.NormalizedEmail).Distinct();
        var existing = _existing!;
        existing.Set("emails", _postgreSql ? emails.ToArray() : JsonSerializer.Serialize(emails));
        var found = new HashSet<string>(StringComparer.Ordinal);
        using var reader = existing.ExecuteReader();
        while (reader.Read())
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    /// <summary>After a commit: update the count and feeds first, so the signer's next page shows them, then answer.</summary>
    private void Publish(Committed committed)
    {
        try
        {
            var newest = committed.AnyTakenDown ? ReadNewestPublished(_connection!, _feedSize) : null;
            _feed.Apply(committed.Changes, committed.LastNumber, newest, committed.OfflineDelta);
        }
        catch (Exception ex)
        {
            // The data is committed; a feed problem must not turn a stored signature into an error.
            _logger.LogError(ex, "Updating the pledge feed failed after a commit");
        }

        for (var i = 0; i < committed.Items.Length; i++)
        {
            committed.Items[i].Complete(committed.Results[i]);
        }
    }

    private static PledgeFeedSeed LoadFeedSeed(DbConnection connection)
    {
        using var last = connection.CreateCommand();
        last.CommandText = """SELECT "LastNumber" FROM "PledgeState" WHERE "Id" = 1""";
        var lastNumber = last.ExecuteScalar() as long? ?? 0;

        using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT {SignatureColumns.FactsSql} FROM "Signatures" WHERE "Status" = 1 ORDER BY "Number"
            """;
        var published = new List<SignatureFacts>();
        using var reader = select.ExecuteReader();
        var read = SignatureColumns.FactsReader(reader);
        while (reader.Read())
        {
            published.Add(read());
        }

        reader.Close();
        using var offline = connection.CreateCommand();
        offline.CommandText = OfflineTotalSql;
        return new PledgeFeedSeed(published, lastNumber, offline.ExecuteScalar() as long? ?? 0);
    }

    internal static List<SignatureFacts> ReadNewestPublished(DbConnection connection, int count)
    {
        using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT {SignatureColumns.FactsSql} FROM "Signatures" WHERE "Status" = 1 ORDER BY "Number" DESC LIMIT @count
            """;
        select.With("count", count);
        var newest = new List<SignatureFacts>(count);
        using var reader = select.ExecuteReader();
        var read = SignatureColumns.FactsReader(reader);
        while (reader.Read())
        {
            newest.Add(read());
        }

        return newest;
    }

    private sealed record Committed(WorkItem[] Items, object?[] Results, IReadOnlyList<FeedChange> Changes, long LastNumber, bool AnyTakenDown, long OfflineDelta);

    private abstract class WorkItem
    {
        public abstract void Complete(object? result);

        public abstract void Fail(Exception exception);
    }

    private sealed class SignWork(NewSignature signature) : WorkItem
    {
        public NewSignature Signature { get; } = signature;

        public TaskCompletionSource<SignOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Complete(object? result) => Completion.TrySetResult((SignOutcome)result!);

        // A signer is told to try again; the reason is in the log, not on their screen.
        public override void Fail(Exception exception) => Completion.TrySetResult(SignOutcome.Failed);
    }

    private sealed class TransactionWork(Func<SignatureTransaction, object?> work) : WorkItem
    {
        public Func<SignatureTransaction, object?> Work { get; } = work;

        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Complete(object? result) => Completion.TrySetResult(result);

        public override void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
