using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Commands;

/// <summary>
/// <c>migrate</c>: applies the database migrations this release brings and exits, so an upgrade can be
/// done as its own step (back up, migrate, restart) with <c>Database:MigrateOnStartup</c> off.
/// </summary>
public sealed class MigrateCommand : ISiteCommand
{
    public IReadOnlyList<string> Name { get; } = ["migrate"];

    public string Arguments => "";

    public string Summary => "Applies pending database migrations (back up first), then exits.";

    public IReadOnlyList<string> Options { get; } = [];

    // It is the step that migrates: it must run where Database:MigrateOnStartup=false refuses to.
    public bool NeedsMigratedDatabase => false;

    public async Task<int> RunAsync(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var applied = await DatabaseInitializer.MigrateAsync(context.Services, context.CancellationToken);
        await context.Output.WriteLineAsync(applied.Count == 0
            ? "The database is up to date; no migration was pending."
            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.");
        return CommandLine.Succeeded;
    }
}
