using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ItStopsHere.Web.Data;

/// <summary>
/// Sets the per-connection SQLite settings every time EF Core opens a connection:
/// <list type="bullet">
/// <item><c>synchronous=FULL</c>: a commit is on disk before it is acknowledged, so a signature the site
/// has thanked someone for survives a crash or power loss (WAL mode itself is set once, at start-up).</item>
/// <item><c>busy_timeout</c>: a writer waits for another writer instead of failing at once.</item>
/// <item><c>foreign_keys=ON</c>: SQLite leaves them off unless asked.</item>
/// </list>
/// </summary>
public sealed class SqlitePragmas(int busyTimeoutMs) : DbConnectionInterceptor
{
    private readonly string _sql =
        $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={busyTimeoutMs}; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
