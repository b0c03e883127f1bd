using System.Diagnostics;
using System.Globalization;
using ItStopsHere.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Operations;

/// <summary><c>Backup:</c> settings: where scheduled backups go, how often, and how many are kept.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Folder for backups (relative to the content root); the <c>backup</c> command's default <c>--to</c>.</summary>
    public string Folder { get; set; } = "";

    /// <summary>How often the site backs itself up; empty or zero (the default) means never, e.g. when cron runs <c>backup</c>.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>How many backups to keep in the folder; older ones are deleted after a backup verifies.</summary>
    public int Keep { get; set; } = 14;
}
