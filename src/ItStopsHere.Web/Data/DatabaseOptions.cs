namespace ItStopsHere.Web.Data;

/// <summary>The database's settings: the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// <c>Sqlite</c> (the default) or <c>PostgreSQL</c>; kept as text so that a misspelt value is refused at
    /// start-up with the setting's name (see <see cref="DatabaseServices.ProviderOf"/>), not a binder error.
    /// </summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>
    /// How long a connection waits for another writer before giving up (SQLite's <c>busy_timeout</c>), on
    /// EF Core's connections and on the signature writer's own. Not used on PostgreSQL, whose writers wait for row locks.
    /// </summary>
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>On (the default) the site applies pending migrations as it starts; off, it refuses to start until <c>migrate</c> has run.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
