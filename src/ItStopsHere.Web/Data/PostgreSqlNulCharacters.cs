using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ItStopsHere.Web.Data;

/// <summary>
/// PostgreSQL's text cannot hold a NUL character (SQLite's can): a search box or a form value carrying one
/// (<c>%00</c>, from the hostile-input corpus) made the query fail with a 500. Every string parameter EF
/// sends has each NUL replaced with U+FFFD, so a search for it finds nothing and a value that reached the
/// database anyway (validators refuse control characters in most fields) is stored visibly altered, never
/// an error. The raw SQL of the signature writer does the same through <see cref="Clean"/>.
/// </summary>
public sealed class PostgreSqlNulCharacters : DbCommandInterceptor
{
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (DbParameter parameter in result.Parameters)
        {
            parameter.Value = Replace(parameter.Value);
        }

        return result;
    }

    /// <summary>The value to send: on PostgreSQL a string with each NUL replaced; anything else as it is.</summary>
    public static object? Clean(DbCommand command, object? value) =>
        command is Npgsql.NpgsqlCommand ? Replace(value) : value;

    private static object? Replace(object? value) =>
        value is string text && text.Contains('\0', StringComparison.Ordinal) ? text.Replace('\0', '\uFFFD') : value;
}
