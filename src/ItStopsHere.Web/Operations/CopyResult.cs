namespace ItStopsHere.Web.Operations;

/// <summary>What <c>copy-to</c> did: the migrations it applied to the target, each table's counts, how long it all took and how much of that was migrating.</summary>
public sealed record CopyResult(IReadOnlyList<string> AppliedMigrations, IReadOnlyList<CopiedTable> Tables, TimeSpan Duration, TimeSpan MigrationDuration)
{
    /// <summary>True when every table has as many rows in PostgreSQL as in SQLite (then, and only then, the copy was committed).</summary>
    public bool Verified => Tables.All(t => t.Matches);

    public long Rows => Tables.Sum(t => t.SourceRows);
}
