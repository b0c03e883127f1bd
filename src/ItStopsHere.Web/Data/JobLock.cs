using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace ItStopsHere.Web.Data;

/// <summary>
/// Background work, once: every scheduled job (each retention job, the pruning of the PostgreSQL change log)
/// and the CLI's <c>retention run</c> go through <see cref="TryRunAsync"/>, so that however many instances
/// (and cron runs) share the database, one at a time runs each job. An instance that finds a job running
/// elsewhere skips it this time (and says so); its next scheduled run tries again.
///
/// <para><b>PostgreSQL</b>: <c>pg_try_advisory_xact_lock</c>, taken in a transaction on a connection of the
/// lock's own, held open while the job runs on its usual connections, and ended (rolled back: it writes nothing)
/// when the job is done. Transaction-scoped rather than a session lock because its release cannot be forgotten:
/// it ends with the transaction, whatever the job did (threw, was cancelled), and with the connection, so an
/// instance that crashes frees its locks the moment PostgreSQL sees the connection close; a session lock left
/// by a missed unlock would outlive the job on a pooled connection. The lock's connection is not pooled,
/// switches off <c>idle_in_transaction_session_timeout</c> for itself (a server-wide limit must not end the
/// lock in the middle of a long job), holds no snapshot between statements and writes nothing, so it holds
/// back neither VACUUM nor anyone else. Its <c>application_name</c> is <c>itstopshere-job &lt;name&gt;</c>,
/// so <c>pg_stat_activity</c> shows which instance is running which job.</para>
///
/// <para><b>Keys</b>: the two-number form, <see cref="KeySpace"/> (the same for every lock of this site, so
/// they never meet another program's advisory locks) and <see cref="KeyOf"/>: the first four bytes of the
/// SHA-256 of the job's lock name, big-endian; the same on every instance and every version while the name
/// stays. Names: <see cref="ForRetentionJob"/> ("retention:ip-hash", ...) and <see cref="PledgeChangesPrune"/>.
/// (The change log's own ordering lock, <c>Signing/PledgeChangeLog.LockKey</c>, is the one-number form: PostgreSQL
/// keeps the two forms apart, <c>pg_locks.objsubid</c> 1 and 2, so they never meet.)</para>
///
/// <para><b>SQLite</b>: one server, one process at a time writing (its write lock serialises the jobs'
/// deletes already), so the job simply runs, as it always did.</para>
/// </summary>
public sealed partial class JobLock
{
    /// <summary>The first number of every advisory lock the site takes ("ISH1"): <c>pg_locks.classid</c>.</summary>
    public const int KeySpace = 0x49534831;

    /// <summary>The lock of the PostgreSQL change log's pruning (<c>Signing/PledgeChangeListener</c>).</summary>
    public const string PledgeChangesPrune = "pledge-changes-prune";

    /// <summary>The <c>application_name</c> prefix of a lock's connection, followed by the lock's name.</summary>
    public const string ApplicationNamePrefix = "itstopshere-job ";

    private readonly string? _postgreSql;
    private readonly ILogger<JobLock> _logger;

    public JobLock(IConfiguration configuration, ILogger<JobLock> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _logger = logger;
        _postgreSql = DatabaseServices.IsPostgreSql(configuration) ? configuration.GetConnectionString("Default") ?? "" : null;
    }

    /// <summary>The lock name of a retention job: "retention:" and the job's name.</summary>
    public static string ForRetentionJob(string jobName) => "retention:" + jobName;

    /// <summary>The second number of the advisory lock called <paramref name="name"/> (<c>pg_locks.objid</c>, shown there unsigned).</summary>
    public static int KeyOf(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return BinaryPrimitives.ReadInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
    }

    /// <summary>
    /// Runs <paramref name="work"/> if no other instance is running the job called <paramref name="name"/>,
    /// holding its lock until the work is done. Returns false, without running it, when the lock is held
    /// elsewhere. A failure of the work (or of the database while taking the lock) is thrown to the caller.
    /// </summary>
    public async Task<bool> TryRunAsync(string name, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var key = KeyOf(name);
        if (_postgreSql is null)
        {
            await work(cancellationToken);
            return true;
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgreSql)
        {
            ApplicationName = ApplicationNamePrefix + name,
            Pooling = false,
            KeepAlive = 30,
        }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var settings = new NpgsqlCommand("SET idle_in_transaction_session_timeout = 0", connection))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        bool held;
        await using (var take = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@space, @key)", connection, transaction))
        {
            take.Parameters.AddWithValue("space", KeySpace);
            take.Parameters.AddWithValue("key", key);
            held = (bool)(await take.ExecuteScalarAsync(cancellationToken))!;
        }

        if (!held)
        {
            LogSkipped(name);
            return false;
        }

        await work(cancellationToken);
        // Rolled back by the using, which ends the transaction and so frees the lock: nothing was written on it.
        return true;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobLock}: another instance holds its lock; skipped this time")]
    private partial void LogSkipped(string jobLock);
}
