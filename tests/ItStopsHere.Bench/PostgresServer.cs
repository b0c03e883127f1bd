using System.Diagnostics;
using ItStopsHere.Tests.Support;
using Npgsql;

namespace ItStopsHere.Bench;

/// <summary>
/// The PostgreSQL server the benchmark's PostgreSQL rows run on: the one in <c>ITSH_TEST_POSTGRES</c> when
/// that is set (an Npgsql connection string for a role that may create databases), else a private cluster
/// of its own, started and stopped with <c>tests/postgres.sh</c> (as the tests do: fsync and
/// synchronous_commit on). The schema is made once, by the app's own <c>migrate</c> command, in a template
/// database; each run gets a fresh database copied from it and dropped afterwards. Nothing here knows how
/// the app writes: rows are counted and numbers checked from the outside.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string? _ownedFolder;
    private string? _template;

    private PostgresServer(string admin, string? ownedFolder)
    {
        _admin = admin;
        _ownedFolder = ownedFolder;
    }

    /// <summary>"PostgreSQL 15.x ..." as the server says.</summary>
    public string Version { get; private set; } = "";

    /// <summary>The postmaster's process id when the server runs on this machine (for its CPU time), else null.</summary>
    public int? PostmasterPid { get; private set; }

    /// <summary>Where the server came from, for the report.</summary>
    public string Origin => _ownedFolder is null ? "ITSH_TEST_POSTGRES (reused)" : "private cluster (tests/postgres.sh)";

    public static async Task<PostgresServer> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable("ITSH_TEST_POSTGRES");
        PostgresServer server;
        if (!string.IsNullOrWhiteSpace(given))
        {
            server = new PostgresServer(given, null);
        }
        else
        {
            var (folder, admin) = await StartClusterAsync();
            server = new PostgresServer(admin, folder);
        }

        try
        {
            await server.PrepareAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static async Task<(string Folder, string Admin)> StartClusterAsync()
    {
        var script = Path.Combine(AppProcessCore.RepositoryRoot(), "tests", "postgres.sh");
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("eval \"$(bash \"$0\" start)\" && printf '%s\\n%s\\n' \"$ITSH_PG_DIR\" \"$ITSH_TEST_POSTGRES\"");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run tests/postgres.sh.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (process.ExitCode != 0 || lines.Length < 2)
        {
            throw new InvalidOperationException($"tests/postgres.sh start failed ({process.ExitCode}):\n{await error}");
        }

        return (lines[0], lines[1]);
    }

    private async Task PrepareAsync()
    {
        Version = (string)(await ScalarAsync("postgres", "SELECT version()"))!;
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
            var backend = (int)(await command.ExecuteScalarAsync())!;
            // A backend's parent is the postmaster, if the server is on this machine (else the pid means
            // nothing here); read while the backend is still there.
            PostmasterPid = new NpgsqlConnectionStringBuilder(_admin).Host is "127.0.0.1" or "localhost" or "::1" ? CpuMeter.ParentOf(backend) : null;
        }

        var template = "itsh_bench_template_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE \"{template}\"");
        _template = template;
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Default"] = WithDatabase(template),
        };
        var (exitCode, said, error) = await AppProcessCore.RunAsync("Benchmark", settings, ["migrate"], null, TimeSpan.FromMinutes(5));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"The app's migrate command failed on PostgreSQL ({exitCode}):\n{said}\n{error}");
        }

        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A fresh, migrated database for one run; its connection string (the admin role's).</summary>
    public async Task<string> CreateDatabaseAsync(string label)
    {
        var name = $"itsh_bench_{label}_{Guid.NewGuid().ToString("N")[..8]}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{_template}\"");
        return WithDatabase(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // Left behind only on a reused server; a private cluster goes with the run.
        }
    }

    /// <summary>
    /// The write transactions the server has begun so far (the next transaction id: PostgreSQL gives an id
    /// only to a transaction that writes), and the WAL position in bytes. Exact and immediate, unlike the
    /// statistics views, which a busy backend reports only every second or so.
    /// </summary>
    public async Task<(long WriteTransactions, long WalBytes)> CountersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// The signatures stored, and whether the published ones are numbered 1..N, each number once (the
    /// promise of the numbering, across instances).
    /// </summary>
    public static async Task<(long Rows, bool NumbersGapFree)> CheckSignaturesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*),
                   count("Number"), count(DISTINCT "Number"), coalesce(max("Number"), 0), coalesce(min("Number"), 1)
            FROM "Signatures"
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var rows = reader.GetInt64(0);
        var numbered = reader.GetInt64(1);
        var distinct = reader.GetInt64(2);
        var max = reader.GetInt64(3);
        var min = reader.GetInt64(4);
        return (rows, numbered == distinct && max == numbered && min == 1);
    }

    private string WithDatabase(string name) => new NpgsqlConnectionStringBuilder(_admin) { Database = name }.ConnectionString;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_template is not null)
        {
            await DropDatabaseAsync(WithDatabase(_template));
        }

        if (_ownedFolder is null)
        {
            return;
        }

        var stop = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        stop.ArgumentList.Add(Path.Combine(AppProcessCore.RepositoryRoot(), "tests", "postgres.sh"));
        stop.ArgumentList.Add("stop");
        stop.Environment["ITSH_PG_DIR"] = _ownedFolder;
        using var process = Process.Start(stop);
        if (process is not null)
        {
            await process.WaitForExitAsync();
        }
    }
}
