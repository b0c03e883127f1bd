using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ItStopsHere.Web.Data;

/// <summary>A save refused by a constraint (two people saving the same new row at once), on either provider.</summary>
public static class UniqueViolation
{
    /// <summary>SQLite's SQLITE_CONSTRAINT (19); PostgreSQL's integrity-constraint class (SQLSTATE 23xxx).</summary>
    public static bool Is(DbUpdateException exception) => exception?.InnerException switch
    {
        SqliteException { SqliteErrorCode: 19 } => true,
        PostgresException postgres => postgres.SqlState.StartsWith("23", StringComparison.Ordinal),
        _ => false,
    };
}
