namespace ItStopsHere.Web.Data;

/// <summary>The SQLite file's settings: the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// How long a connection waits for another writer before giving up (SQLite's <c>busy_timeout</c>), on
    /// EF Core's connections and on the signature writer's own.
    /// </summary>
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>On (the default) the site applies pending migrations as it starts; off, it refuses to start until <c>migrate</c> has run.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
