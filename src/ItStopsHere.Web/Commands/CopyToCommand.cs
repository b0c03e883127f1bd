using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Operations;
using Npgsql;

namespace ItStopsHere.Web.Commands;

/// <summary>
/// <c>copy-to [--provider PostgreSQL] [--connection ...]</c>: moves this SQLite site into an empty PostgreSQL
/// database (<see cref="SqliteToPostgreSqlCopy"/>), prints each table's counts in both and exits 0 only when
/// they all match. The target's connection string comes from <c>CopyTo:ConnectionString</c> (the environment
/// variable <c>CopyTo__ConnectionString</c> or a secret file), so its password need not be on the command
/// line, where other users of the server can see it; <c>--connection</c> is for a password-less connection.
/// </summary>
public sealed class CopyToCommand : ISiteCommand
{
    public const string ConnectionStringKey = "CopyTo:ConnectionString";

    public IReadOnlyList<string> Name { get; } = ["copy-to"];

    public string Arguments =>
        "[--provider PostgreSQL] [--connection \"Host=...;Database=...;Username=OWNER\"]   (default: CopyTo:ConnectionString, e.g. CopyTo__ConnectionString in the environment: keeps the password off the command line)";

    public string Summary =>
        "Copies every table of this SQLite site into an empty PostgreSQL database (migrating it first, as its owner), checks the counts, then exits. Stop the site first.";

    public IReadOnlyList<string> Options { get; } = ["provider", "connection"];

    // It reads the SQLite file as it is (and refuses if it is not up to date): it must not migrate or seed it first.
    public bool NeedsMigratedDatabase => false;

    public async Task<int> RunAsync(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Options.TryGetValue("provider", out var provider)
            && !string.Equals(provider, nameof(DatabaseProvider.PostgreSQL), StringComparison.OrdinalIgnoreCase))
        {
            await context.Error.WriteLineAsync("--provider: copy-to copies to PostgreSQL only.");
            return CommandLine.Misused;
        }

        var configuration = context.Services.GetRequiredService<IConfiguration>();
        var connectionString = context.Options.GetValueOrDefault("connection") ?? configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await context.Error.WriteLineAsync(
                $"Say where to copy to: set {ConnectionStringKey} (CopyTo__ConnectionString=\"Host=...;Database=...;Username=OWNER;Password=...\" in the environment, or a secret file), or --connection.");
            return CommandLine.Misused;
        }

        await context.Output.WriteLineAsync(
            "Copying this site's SQLite database to PostgreSQL. The site must be stopped: anything it writes after the copy would not be in it.");
        var source = context.Services.GetRequiredService<AppDbContext>();
        CopyResult result;
        try
        {
            result = await SqliteToPostgreSqlCopy.CopyAsync(source, connectionString, context.Output, context.CancellationToken);
        }
        catch (CopyRefusedException ex)
        {
            await context.Error.WriteLineAsync($"copy-to refused: {ex.Message}");
            return CommandLine.Failed;
        }
        catch (NpgsqlException ex)
        {
            // The server's message (never the connection string, which may hold a password).
            await context.Error.WriteLineAsync($"copy-to failed, and nothing was committed to the target: {ex.Message}");
            return CommandLine.Failed;
        }

        var width = result.Tables.Max(t => t.Name.Length);
        await context.Output.WriteLineAsync($"{"Table".PadRight(width)}  {"SQLite",12}  {"PostgreSQL",12}");
        foreach (var table in result.Tables)
        {
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{table.Name.PadRight(width)}  {table.SourceRows,12:N0}  {table.TargetRows,12:N0}{(table.Matches ? "" : "  MISMATCH")}"));
        }

        if (!result.Verified)
        {
            await context.Error.WriteLineAsync(
                "copy-to failed: the counts above differ, so the copy was rolled back and the target is as it was. Keep running on SQLite.");
            return CommandLine.Failed;
        }

        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Copied {result.Rows:N0} rows in {result.Tables.Count} tables in {result.Duration.TotalSeconds:0.0} s ({result.MigrationDuration.TotalSeconds:0.0} s of it migrating the target); every count matches."));
        await context.Output.WriteLineAsync(
            "The reports' key-encryption key (Reporting:KeyFile or Reporting:Key) is not in the database: give the PostgreSQL site the same one.");
        return CommandLine.Succeeded;
    }
}
