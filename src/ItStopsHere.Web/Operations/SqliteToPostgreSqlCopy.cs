using System.Data.Common;
using System.Diagnostics;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ItStopsHere.Web.Operations;

/// <summary>
/// Moves a SQLite site's whole database into an empty PostgreSQL database (the <c>copy-to</c> command,
/// issue 14): every table of the EF model, so an entity added later is copied without anyone remembering.
/// <list type="number">
/// <item>The SQLite source must be up to date (no pending migration) and hold no table the model does not
/// know; it is opened with <c>BEGIN IMMEDIATE</c>, SQLite's write lock, held to the end: if the site (or another
/// command) is writing, the copy refuses; while it runs nothing can change the source, so the copy is one
/// consistent moment. A site that is running but idle is not detected: stop it first (README).</item>
/// <item>Only then the target, which may hold nothing but the rows the migrations themselves insert (roles, the pledge
/// counter): anything more and it refuses. Its pending migrations are applied (so the connection must be
/// the tables' owner, the role that runs <c>migrate</c>).</item>
/// <item>In one PostgreSQL transaction: the migrations' own rows are cleared (the source has the same ones,
/// perhaps changed), each table is copied with binary <c>COPY</c> in foreign-key order (principals first),
/// keys as they are, values converted through each provider's own type mappings; the pledge change log's
/// triggers are switched off meanwhile (the copied signatures are not news for any live viewer, and a
/// 100,000-row log would be written for nothing) and on again before commit; each identity sequence is set
/// past the highest copied id, so new rows do not collide; then every table is counted, and the
/// transaction commits only if each count equals the source's. Any failure rolls everything back.</item>
/// </list>
/// Nothing is logged or printed but table names and counts: no email address, name or content.
/// </summary>
public sealed class SqliteToPostgreSqlCopy
{
    /// <summary>Tables only PostgreSQL has, outside the model, which start empty: the pledge change log.</summary>
    public static readonly IReadOnlyList<string> PostgreSqlOnlyTables = ["PledgeChanges"];

    /// <summary>The pledge change log's triggers (<see cref="PledgeChangeLog.PostgreSqlCreateSql"/>), off during the copy.</summary>
    private static readonly (string Table, string Trigger)[] PledgeChangeTriggers =
    [
        ("Signatures", "TR_Signatures_PledgeChanges"),
        ("OfflinePledges", "TR_OfflinePledges_PledgeChanges"),
    ];

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>Copies <paramref name="source"/> (the site's SQLite context) into the PostgreSQL database <paramref name="targetConnectionString"/>.</summary>
    /// <exception cref="CopyRefusedException">The source or target is not fit for a copy; nothing was written to the target.</exception>
    public static async Task<CopyResult> CopyAsync(
        AppDbContext source, string targetConnectionString, TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(progress);
        if (!source.Database.IsSqlite())
        {
            throw new CopyRefusedException(
                "copy-to copies a SQLite site to PostgreSQL, and this site already runs on PostgreSQL (Database:Provider).");
        }

        var sourceFile = new SqliteConnectionStringBuilder(source.Database.GetConnectionString()).DataSource;
        if (!File.Exists(sourceFile))
        {
            throw new CopyRefusedException($"There is no SQLite database at {sourceFile} to copy.");
        }

        var pendingAtSource = (await source.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pendingAtSource.Count > 0)
        {
            throw new CopyRefusedException(
                $"The SQLite database needs {pendingAtSource.Count} migration(s) this release brings ({string.Join(", ", pendingAtSource)}): "
                + "back it up, run migrate on it, then copy-to again.");
        }

        NpgsqlConnectionStringBuilder targetBuilder;
        try
        {
            targetBuilder = new NpgsqlConnectionStringBuilder(targetConnectionString);
        }
        catch (ArgumentException)
        {
            // Never echoed: it may carry a password.
            throw new CopyRefusedException("The target is not a PostgreSQL connection string (Host=...;Database=...;Username=...).");
        }

        var started = Stopwatch.StartNew();
        await using var target = new PostgreSqlAppDbContext(new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql(targetBuilder.ConnectionString, npgsql => npgsql.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            .Options);
        var targetModel = target.GetService<IDesignTimeModel>().Model;
        var sourceModel = source.GetService<IDesignTimeModel>().Model;
        var seedRows = SeedRowsByTable(targetModel);

        var plan = Plan(sourceModel, targetModel);

        // The source's write lock, held to the end: nothing changes it while it is copied.
        var sqliteBuilder = new SqliteConnectionStringBuilder(source.Database.GetConnectionString())
        {
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 5,
        };
        await using var sqlite = new SqliteConnection(sqliteBuilder.ConnectionString);
        await sqlite.OpenAsync(cancellationToken);
        SqliteTransaction sourceLock;
        try
        {
            // BEGIN IMMEDIATE: the write lock, taken now (waiting up to DefaultTimeout for a writer to finish).
            sourceLock = sqlite.BeginTransaction(deferred: false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            throw new CopyRefusedException(
                "The SQLite database is being written to (by the site or another command): stop the site first, then copy-to again.");
        }

        await using (sourceLock)
        {
            await RefuseUnknownSourceTablesAsync(sqlite, sourceLock, plan, cancellationToken);

            // Only once the source is known to be fit: the target, which must be empty, is migrated.
            await using var pg = new NpgsqlConnection(targetBuilder.ConnectionString);
            await pg.OpenAsync(cancellationToken);
            await RefuseUnlessEmptyAsync(pg, seedRows, cancellationToken);
            var migrating = Stopwatch.StartNew();
            var applied = (await target.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (applied.Count > 0)
            {
                await progress.WriteLineAsync($"Applying {applied.Count} migration(s) to the empty target: {string.Join(", ", applied)}.");
                await target.Database.MigrateAsync(cancellationToken);
                await pg.ReloadTypesAsync(cancellationToken);
                await RefuseUnlessEmptyAsync(pg, seedRows, cancellationToken);
            }

            var migrations = migrating.Elapsed;
            var sourceCounts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in plan)
            {
                sourceCounts[table.Name] = await CountAsync(sqlite, sourceLock, table.Name, cancellationToken);
            }

            await using var transaction = await pg.BeginTransactionAsync(cancellationToken);
            // The migrations' own rows (roles, the pledge counter) make way for the source's, dependents first.
            foreach (var table in Enumerable.Reverse(plan).Where(t => seedRows.ContainsKey(t.Name)))
            {
                await ExecuteAsync(pg, $"DELETE FROM {Quote(table.Name)}", cancellationToken);
            }

            var triggers = await PledgeChangeTriggersPresentAsync(pg, cancellationToken);
            try
            {
                foreach (var (table, trigger) in triggers)
                {
                    await ExecuteAsync(pg, $"ALTER TABLE {Quote(table)} DISABLE TRIGGER {Quote(trigger)}", cancellationToken);
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new CopyRefusedException(
                    "The target connection is not the tables' owner: copy-to migrates the target and switches the pledge change log's triggers off while it copies, "
                    + "which only the owner may. Use the owner's connection string (the one migrate uses), not the site's.");
            }

            foreach (var table in plan)
            {
                var rows = await CopyTableAsync(sqlite, sourceLock, pg, table, cancellationToken);
                await progress.WriteLineAsync($"  {table.Name}: {rows:N0} row(s) copied");
            }

            foreach (var (table, trigger) in triggers)
            {
                await ExecuteAsync(pg, $"ALTER TABLE {Quote(table)} ENABLE TRIGGER {Quote(trigger)}", cancellationToken);
            }

            await ResetSequencesAsync(pg, plan, cancellationToken);

            var tables = new List<CopiedTable>();
            foreach (var table in plan)
            {
                tables.Add(new CopiedTable(table.Name, sourceCounts[table.Name], await CountAsync(pg, null, table.Name, cancellationToken)));
            }

            var result = new CopyResult(applied, tables, started.Elapsed, migrations);
            if (result.Verified)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            await sourceLock.RollbackAsync(cancellationToken);
            return result with { Duration = started.Elapsed };
        }
    }

    /// <summary>How many rows each table's migrations insert (<c>HasData</c>): a target holding no more is empty.</summary>
    private static Dictionary<string, int> SeedRowsByTable(IModel model)
    {
        var seeds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entity in model.GetEntityTypes())
        {
            var count = entity.GetSeedData().Count();
            if (count > 0 && entity.GetTableName() is { } table)
            {
                seeds[table] = seeds.GetValueOrDefault(table) + count;
            }
        }

        return seeds;
    }

    private static async Task RefuseUnlessEmptyAsync(NpgsqlConnection pg, Dictionary<string, int> seedRows, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await using (var command = pg.CreateCommand())
        {
            command.CommandText = """
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY c.relname
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var holding = new List<string>();
        foreach (var table in tables.Where(t => !t.StartsWith("__EFMigrations", StringComparison.Ordinal)))
        {
            var rows = await CountAsync(pg, null, table, cancellationToken);
            if (rows > seedRows.GetValueOrDefault(table))
            {
                holding.Add($"{table} ({rows:N0} rows)");
            }
        }

        if (holding.Count > 0)
        {
            throw new CopyRefusedException(
                $"The target database is not empty: {string.Join(", ", holding)}. copy-to only fills a new database "
                + "(create an empty one, or drop and re-create this one if it holds nothing you need); nothing was written.");
        }
    }

    /// <summary>Every table of the model, in an order where each table's principals come before it.</summary>
    private static List<TablePlan> Plan(IModel sourceModel, IModel targetModel)
    {
        var sourceTables = sourceModel.GetRelationalModel().Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var targetTables = targetModel.GetRelationalModel().Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        if (!sourceTables.Keys.Order(StringComparer.Ordinal).SequenceEqual(targetTables.Keys.Order(StringComparer.Ordinal)))
        {
            throw new CopyRefusedException("The SQLite and PostgreSQL models name different tables: this release is inconsistent.");
        }

        var remaining = new SortedSet<string>(targetTables.Keys, StringComparer.Ordinal);
        var ordered = new List<TablePlan>();
        while (remaining.Count > 0)
        {
            var ready = remaining.FirstOrDefault(name => targetTables[name].ForeignKeyConstraints
                .All(fk => fk.PrincipalTable.Name == name || !remaining.Contains(fk.PrincipalTable.Name)))
                ?? throw new CopyRefusedException($"The tables {string.Join(", ", remaining)} refer to each other in a cycle: copy-to cannot order them.");
            remaining.Remove(ready);
            ordered.Add(TablePlan.For(sourceTables[ready], targetTables[ready]));
        }

        return ordered;
    }

    private static async Task RefuseUnknownSourceTablesAsync(
        SqliteConnection sqlite, SqliteTransaction transaction, List<TablePlan> plan, CancellationToken cancellationToken)
    {
        var known = plan.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = new List<string>();
        await using var command = sqlite.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            if (!known.Contains(name) && !name.StartsWith("sqlite_", StringComparison.Ordinal) && !name.StartsWith("__EFMigrations", StringComparison.Ordinal))
            {
                unknown.Add(name);
            }
        }

        if (unknown.Count > 0)
        {
            throw new CopyRefusedException(
                $"The SQLite database has table(s) the model does not know ({string.Join(", ", unknown)}): copy-to would leave them behind, so it copies nothing.");
        }
    }

    private static async Task<long> CopyTableAsync(
        SqliteConnection sqlite, SqliteTransaction sourceLock, NpgsqlConnection pg, TablePlan table, CancellationToken cancellationToken)
    {
        await using var read = sqlite.CreateCommand();
        read.Transaction = sourceLock;
        read.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => Quote(c.SourceName)))} FROM {Quote(table.Name)}"
            + (table.KeyColumns.Count > 0 ? $" ORDER BY {string.Join(", ", table.KeyColumns.Select(Quote))}" : "");
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await using var importer = await pg.BeginBinaryImportAsync(
            $"COPY {Quote(table.Name)} ({string.Join(", ", table.Columns.Select(c => Quote(c.TargetName)))}) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var column = table.Columns[i];
                var value = column.ToTarget(column.FromSource(reader, i));
                if (value is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(value, column.TargetType, cancellationToken);
                }
            }
        }

        return (long)await importer.CompleteAsync(cancellationToken);
    }

    private static async Task<List<(string Table, string Trigger)>> PledgeChangeTriggersPresentAsync(NpgsqlConnection pg, CancellationToken cancellationToken)
    {
        var present = new List<(string, string)>();
        foreach (var (table, trigger) in PledgeChangeTriggers)
        {
            await using var command = pg.CreateCommand();
            command.CommandText = "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = current_schema() AND c.relname = @table AND t.tgname = @trigger";
            command.Parameters.AddWithValue("table", table);
            command.Parameters.AddWithValue("trigger", trigger);
            if ((long)(await command.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                present.Add((table, trigger));
            }
        }

        return present;
    }

    /// <summary>Each identity (or serial) column's sequence set so that its next value is past the highest copied id.</summary>
    private static async Task ResetSequencesAsync(NpgsqlConnection pg, List<TablePlan> plan, CancellationToken cancellationToken)
    {
        var copied = plan.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var generated = new List<(string Table, string Column)>();
        await using (var command = pg.CreateCommand())
        {
            command.CommandText = """
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
                ORDER BY table_name, column_name
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (copied.Contains(reader.GetString(0)))
                {
                    generated.Add((reader.GetString(0), reader.GetString(1)));
                }
            }
        }

        foreach (var (table, column) in generated)
        {
            await using var command = pg.CreateCommand();
            command.CommandText = $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE(max({Quote(column)}), 0) + 1, false) FROM {Quote(table)}";
            command.Parameters.AddWithValue("table", Quote(table));
            command.Parameters.AddWithValue("column", column);
            await command.ExecuteScalarAsync(cancellationToken);
        }
    }

    private static async Task<long> CountAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT count(*) FROM {Quote(table)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, null, sql, cancellationToken);

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>One table: its columns as each provider's model maps them, and its key (the order rows are read in).</summary>
    private sealed record TablePlan(string Name, IReadOnlyList<ColumnPlan> Columns, IReadOnlyList<string> KeyColumns)
    {
        public static TablePlan For(ITable source, ITable target)
        {
            var sourceColumns = source.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
            var columns = new List<ColumnPlan>();
            foreach (var column in target.Columns.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                if (!sourceColumns.TryGetValue(column.Name, out var from))
                {
                    throw new CopyRefusedException($"The SQLite and PostgreSQL models differ in table {target.Name}: this release is inconsistent.");
                }

                columns.Add(new ColumnPlan(from.Name, column.Name, from.PropertyMappings.First().TypeMapping, column.PropertyMappings.First().TypeMapping));
            }

            var key = target.PrimaryKey?.Columns.Select(c => c.Name).ToList() ?? [];
            return new TablePlan(target.Name, columns, key);
        }
    }

    /// <summary>
    /// One column: read from SQLite as its SQLite type mapping stores it, turned into the model's value by that
    /// mapping's converter, then into PostgreSQL's stored value by PostgreSQL's mapping: exactly what EF would
    /// read from one and write to the other.
    /// </summary>
    private sealed class ColumnPlan(string sourceName, string targetName, RelationalTypeMapping source, RelationalTypeMapping target)
    {
        private readonly Type _sourceType = Nullable.GetUnderlyingType(source.Converter?.ProviderClrType ?? source.ClrType)
            ?? source.Converter?.ProviderClrType ?? source.ClrType;

        public string SourceName { get; } = sourceName;

        public string TargetName { get; } = targetName;

        /// <summary>The PostgreSQL type name COPY writes (without length or precision: <c>character varying</c>).</summary>
        public string TargetType { get; } = target.StoreTypeNameBase;

        private bool TargetIsTimestampTz { get; } = target.StoreTypeNameBase is "timestamp with time zone" or "timestamptz";

        public object? FromSource(DbDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                return null;
            }

            object stored = _sourceType switch
            {
                _ when _sourceType == typeof(string) => reader.GetString(ordinal),
                _ when _sourceType == typeof(long) => reader.GetInt64(ordinal),
                _ when _sourceType == typeof(int) => reader.GetInt32(ordinal),
                _ when _sourceType == typeof(short) => reader.GetInt16(ordinal),
                _ when _sourceType == typeof(byte) => reader.GetByte(ordinal),
                _ when _sourceType == typeof(bool) => reader.GetBoolean(ordinal),
                _ when _sourceType == typeof(double) => reader.GetDouble(ordinal),
                _ when _sourceType == typeof(float) => reader.GetFloat(ordinal),
                _ when _sourceType == typeof(decimal) => reader.GetDecimal(ordinal),
                _ when _sourceType == typeof(DateTime) => reader.GetDateTime(ordinal),
                _ when _sourceType == typeof(DateTimeOffset) => reader.GetFieldValue<DateTimeOffset>(ordinal),
                _ when _sourceType == typeof(Guid) => reader.GetGuid(ordinal),
                _ when _sourceType == typeof(TimeSpan) => reader.GetFieldValue<TimeSpan>(ordinal),
                _ when _sourceType == typeof(DateOnly) => reader.GetFieldValue<DateOnly>(ordinal),
                _ when _sourceType == typeof(TimeOnly) => reader.GetFieldValue<TimeOnly>(ordinal),
                _ when _sourceType == typeof(char) => reader.GetChar(ordinal),
                _ when _sourceType == typeof(byte[]) => reader.GetFieldValue<byte[]>(ordinal),
                _ => throw new CopyRefusedException($"copy-to cannot read a {_sourceType.Name} column ({TargetName}) yet."),
            };
            return source.Converter is { } converter ? converter.ConvertFromProvider(stored) : stored;
        }

        public object? ToTarget(object? value)
        {
            if (value is null)
            {
                return null;
            }

            var stored = target.Converter is { } converter ? converter.ConvertToProvider(value) : value;
            return stored switch
            {
                // PostgreSQL text cannot hold NUL; the site stores U+FFFD instead (PostgreSqlNulCharacters).
                string text when text.Contains('\0', StringComparison.Ordinal) => text.Replace('\0', '\uFFFD'),
                DateTimeOffset instant when TargetIsTimestampTz => instant.ToUniversalTime(),
                DateTime time when TargetIsTimestampTz && time.Kind != DateTimeKind.Utc => DateTime.SpecifyKind(time, DateTimeKind.Utc),
                _ => stored,
            };
        }
    }
}
