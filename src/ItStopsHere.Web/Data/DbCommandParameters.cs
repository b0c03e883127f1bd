using System.Data.Common;

namespace ItStopsHere.Web.Data;

/// <summary>
/// Parameters for the raw SQL that runs on either provider (the signature writer and what runs in its
/// transaction). The SQL names them <c>@name</c>, which SQLite and PostgreSQL (Npgsql) both understand;
/// the parameter itself is named without the prefix.
/// </summary>
public static class DbCommandParameters
{
    /// <summary>Adds parameter <paramref name="name"/> (no prefix) with <paramref name="value"/> (null is SQL NULL).</summary>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = PostgreSqlNulCharacters.Clean(command, value) ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Sets the value of a parameter added before (for a command used again and again).</summary>
    public static void Set(this DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters[name].Value = PostgreSqlNulCharacters.Clean(command, value) ?? DBNull.Value;
    }
}
