using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ItStopsHere.Web.Operations;

/// <summary>
/// The live database, resolved once from the connection string: on SQLite its file (<see cref="File"/>),
/// on PostgreSQL its connection string (<see cref="PostgreSqlConnectionString"/>, and <see cref="File"/> is empty).
/// </summary>
public sealed record DatabaseFileLocation(string File, string? PostgreSqlConnectionString = null)
{
    public bool IsPostgreSql => PostgreSqlConnectionString is not null;

    /// <summary>
    /// A connection of its own for a quick read (readiness, gauges), apart from EF Core's: on SQLite read-only
    /// and never creating a missing file.
    /// </summary>
    public async Task<DbConnection> OpenForReadingAsync(CancellationToken cancellationToken)
    {
        if (PostgreSqlConnectionString is { } connectionString)
        {
            var connection = new Npgsql.NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        return DatabaseBackup.Open(File, SqliteOpenMode.ReadOnly);
    }
}
