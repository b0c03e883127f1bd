using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Reporting;

namespace ItStopsHere.Web.Commands;

/// <summary>
/// <c>reporting rotate-key --new-key-file PATH</c>: re-wraps every report key from the configured
/// key-encryption key to the one in PATH (made there, readable by its owner only, if the file does not
/// exist), without reading any report. Then point <c>Reporting:KeyFile</c> at PATH and destroy the old key.
/// </summary>
public sealed class ReportingRotateKeyCommand : ISiteCommand
{
    public IReadOnlyList<string> Name { get; } = ["reporting", "rotate-key"];

    public string Arguments => "--new-key-file PATH";

    public string Summary => "Re-wraps every report's key under a new key-encryption key (made in PATH if it does not exist) without decrypting any report.";

    public IReadOnlyList<string> Options { get; } = ["new-key-file"];

    public async Task<int> RunAsync(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Options.GetValueOrDefault("new-key-file");
        if (string.IsNullOrWhiteSpace(path))
        {
            await context.Error.WriteLineAsync("Name the new key file: --new-key-file PATH (it is made if it does not exist).");
            return CommandLine.Misused;
        }

        var keys = context.Services.GetRequiredService<ReportKeyRing>();
        KeyEncryptionKey current;
        try
        {
            current = keys.Kek;
        }
        catch (InvalidOperationException ex)
        {
            await context.Error.WriteLineAsync(ex.Message);
            return CommandLine.Failed;
        }

        var made = !File.Exists(path);
        var next = made ? KeyEncryptionKey.WriteNew(path) : KeyEncryptionKey.ReadFile(path);
        if (next.Id == current.Id)
        {
            await context.Error.WriteLineAsync("The new key is the key in use. Nothing was changed.");
            return CommandLine.Failed;
        }

        var db = context.Services.GetRequiredService<AppDbContext>();
        int count;
        try
        {
            count = await ReportKeyRotation.RotateAsync(db, current, next, context.CancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            await context.Error.WriteLineAsync(ex.Message);
            return CommandLine.Failed;
        }

        keys.Forget();
        var audit = context.Services.GetRequiredService<AuditLog>();
        await audit.RecordAsync(AuditActions.ReportKeysRotated, "ReportKey", null, $"{count} report key(s) from key {current.Id} to key {next.Id}", AuditActor.CommandLine, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        await context.Output.WriteLineAsync($"{count} report key(s) re-wrapped from key {current.Id} to key {next.Id}{(made ? $" (made in {path})" : "")}.");
        await context.Output.WriteLineAsync("Now set Reporting:KeyFile to the new file, restart the site, and destroy the old key file: backups made before now can then no longer be read.");
        return CommandLine.Succeeded;
    }
}
