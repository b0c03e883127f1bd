using System.Collections.Concurrent;
using System.Data.Common;
using ItStopsHere.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ItStopsHere.Tests.Support;

/// <summary>
/// The database provider the tests run on: SQLite (the default), or PostgreSQL when
/// <c>ITSH_TEST_PROVIDER=PostgreSQL</c> (tests/test.sh's second run; start a server with
/// <c>eval "$(bash tests/postgres.sh start)"</c>, which exports the admin connection string <c>ITSH_TEST_POSTGRES</c>).
/// Tests keep naming a database by a file path (<see cref="SiteFactory.NewDatabasePath"/>); on PostgreSQL
/// that path stands for a database of its own, named after the file (<see cref="NameFor"/>), made from one
/// template that is migrated once per test run (<c>CREATE DATABASE x TEMPLATE t</c>: a file copy, fast)
/// and dropped when the test is done with it.
/// Tests that only mean something on SQLite are marked <c>[Trait("Provider", "SqliteOnly")]</c>, saying why,
/// and are left out of the PostgreSQL run by tests/test.sh's filter.
/// </summary>
internal static class TestDatabase
{
    public const string ProviderVariable = "ITSH_TEST_PROVIDER";
    public const string ServerVariable = "ITSH_TEST_POSTGRES";

    private static readonly ConcurrentDictionary<string, Lazy<string>> Created = new(StringComparer.Ordinal);
    private static readonly Lazy<string> Template = new(MigrateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly SemaphoreSlim Copying = new(1, 1);

    public static bool IsPostgreSql { get; } = string.Equals(
        Environment.GetEnvironmentVariable(ProviderVariable), nameof(DatabaseProvider.PostgreSQL), StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>Database:Provider</c> setting the apps under test get.</summary>
    public static string Provider => IsPostgreSql ? nameof(DatabaseProvider.PostgreSQL) : nameof(DatabaseProvider.Sqlite);

    private static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException(
            $"{ProviderVariable}=PostgreSQL needs {ServerVariable} (an Npgsql connection string for a role that may create databases): "
            + "start a private server with eval \"$(bash tests/postgres.sh start)\".");

    /// <summary>The PostgreSQL database that stands for <paramref name="databasePath"/>.</summary>
    public static string NameFor(string databasePath) =>
        "itsh_" + Path.GetFileNameWithoutExtension(databasePath).ToLowerInvariant().Replace('-', '_');

    /// <summary>
    /// The connection string an app under test gets for <paramref name="databasePath"/>: the file on SQLite;
    /// on PostgreSQL its own database, made (migrated, from the template) the first time it is asked for.
    /// </summary>
    public static string ConnectionStringFor(string databasePath)
    {
        if (!IsPostgreSql)
        {
            return $"Data Source={databasePath}";
        }

        var name = NameFor(databasePath);
        return Created.GetOrAdd(name, n => new Lazy<string>(() => CreateFromTemplate(n), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>
    /// PostgreSQL only: a new, empty database (no migration applied) that stands for <paramref name="databasePath"/>
    /// from now on (as <see cref="ConnectionStringFor"/> would have made, but unmigrated), for <c>copy-to</c>'s
    /// target; dropped by <see cref="Drop"/>. Returns its connection string.
    /// </summary>
    public static string CreateEmpty(string databasePath)
    {
        var name = NameFor(databasePath);
        return Created.GetOrAdd(name, n => new Lazy<string>(() =>
        {
            Execute($"CREATE DATABASE \"{n}\"");
            return WithDatabase(n);
        }, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>The settings that put an app under test on <paramref name="databasePath"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> SettingsFor(string databasePath)
    {
        yield return new("ConnectionStrings:Default", ConnectionStringFor(databasePath));
        if (IsPostgreSql)
        {
            yield return new("Database:Provider", Provider);
        }
    }

    /// <summary>A connection of the test's own to <paramref name="databasePath"/>, open (SQLite: read-only, no pooling).</summary>
    public static DbConnection Open(string databasePath)
    {
        DbConnection connection = IsPostgreSql
            ? new NpgsqlConnection(ConnectionStringFor(databasePath))
            : new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>A read-write connection of the test's own to <paramref name="databasePath"/>, open.</summary>
    public static DbConnection OpenForWriting(string databasePath)
    {
        DbConnection connection = IsPostgreSql
            ? new NpgsqlConnection(ConnectionStringFor(databasePath))
            : new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        return connection;
    }

    /// <summary>An EF Core context of the test's own on <paramref name="databasePath"/>, with no app running on it.</summary>
    public static AppDbContext Context(string databasePath)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        if (IsPostgreSql)
        {
            return new PostgreSqlAppDbContext(options.UseNpgsql(ConnectionStringFor(databasePath)).Options);
        }

        return new AppDbContext(options.UseSqlite($"Data Source={databasePath}").Options);
    }

    /// <summary>Drops the PostgreSQL database that stands for <paramref name="databasePath"/>, if one was made; nothing on SQLite.</summary>
    public static void Drop(string databasePath)
    {
        if (!IsPostgreSql || !Created.TryRemove(NameFor(databasePath), out var made) || !made.IsValueCreated)
        {
            return;
        }

        NpgsqlConnection.ClearPool(new NpgsqlConnection(made.Value));
        try
        {
            Execute($"DROP DATABASE IF EXISTS \"{NameFor(databasePath)}\" WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // A database left behind is harmless: the whole test cluster is removed after the run.
        }
    }

    private static string CreateFromTemplate(string name)
    {
        var template = Template.Value;
        // One copy at a time: CREATE DATABASE refuses a template that another session is reading.
        Copying.Wait();
        try
        {
            Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            Copying.Release();
        }

        return WithDatabase(name);
    }

    /// <summary>Once per test run: a database with every PostgreSQL migration applied, copied for each site.</summary>
    private static string MigrateTemplate()
    {
        var name = "itsh_template_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{name}\"");
        var connectionString = WithDatabase(name);
        using (var db = new PostgreSqlAppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).Options))
        {
            db.Database.Migrate();
        }

        // No session may stay connected to a template while it is copied.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
            catch (NpgsqlException)
            {
                // Removed with the cluster anyway.
            }
        };
        return name;
    }

    private static string WithDatabase(string name) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
