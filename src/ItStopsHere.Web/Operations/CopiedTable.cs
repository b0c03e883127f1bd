namespace ItStopsHere.Web.Operations;

/// <summary>One table of a <c>copy-to</c>: its rows in the SQLite source and, after the copy, in PostgreSQL.</summary>
public sealed record CopiedTable(string Name, long SourceRows, long TargetRows)
{
    public bool Matches => SourceRows == TargetRows;
}
