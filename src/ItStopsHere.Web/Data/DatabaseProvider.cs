namespace ItStopsHere.Web.Data;

/// <summary>The database engine the site runs on: <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file on the server's own disk: the default, for one server.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for several identical instances of the site (issue 14).</summary>
    PostgreSQL,
}
