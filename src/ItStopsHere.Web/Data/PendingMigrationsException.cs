using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Data;

/// <summary>Start-up stops here when migrations are pending and <c>Database:MigrateOnStartup</c> is false.</summary>
public sealed class PendingMigrationsException(string databaseFile, IReadOnlyList<string> pending) : Exception(
    $"The database {databaseFile} needs {pending.Count} migration(s) this release brings ({string.Join(", ", pending)}), "
    + $"and {DatabaseInitializer.MigrateOnStartupKey} is false, so the site will not run on the old schema. "
    + "Back the database up (dotnet ItStopsHere.Web.dll backup), apply them (dotnet ItStopsHere.Web.dll migrate), then start the site again.")
{
    public IReadOnlyList<string> Pending { get; } = pending;
}
