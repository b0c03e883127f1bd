namespace ItStopsHere.Web.Reporting;

/// <summary>The result of trying an access code or a personal link: the report it opens, or how long to wait.</summary>
public sealed record CodeCheck(Guid? ReportId, TimeSpan Wait)
{
    public static CodeCheck Wrong { get; } = new(null, TimeSpan.Zero);

    public bool Opened => ReportId is not null;

    public bool MustWait => Wait > TimeSpan.Zero;
}
