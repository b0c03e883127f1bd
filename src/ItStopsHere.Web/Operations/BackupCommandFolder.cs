using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Operations;

/// <summary>Where backups go: <c>--to</c> (relative to the current folder), else <c>Backup:Folder</c> (relative to the content root), else a <c>backups</c> folder beside the database.</summary>
public static class BackupCommandFolder
{
    public static string Resolve(BackupOptions options, string databaseFile, string contentRoot, string? requested)
    {
        var databaseFolder = Path.GetDirectoryName(Path.GetFullPath(databaseFile))!;
        if (!string.IsNullOrWhiteSpace(requested))
        {
            return Path.GetFullPath(requested);
        }

        return string.IsNullOrWhiteSpace(options.Folder)
            ? Path.Combine(databaseFolder, "backups")
            : Path.GetFullPath(options.Folder, contentRoot);
    }
}
