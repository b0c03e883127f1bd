namespace ItStopsHere.Web.Data;

/// <summary>
/// The coarse facts of a report the retention run has deleted, kept for statistics ("statistics kept",
/// issue 15): the same readable columns a <see cref="Report"/> has, and how long the first reply took.
/// No link to the report (a new id; not its id, which the audit log names), no adviser, no times finer
/// than the month, nothing anyone wrote. A report its reporter deletes leaves nothing here.
/// </summary>
public sealed class RetainedReportFacts
{
    public int Id { get; set; }

    public ReportRoute Route { get; set; }

    /// <summary>The forms of harassment ticked, as codes separated by commas.</summary>
    public string Categories { get; set; } = "";

    public string Place { get; set; } = "";

    /// <summary>The month the report was made, <c>yyyy-MM</c> (London time).</summary>
    public string Month { get; set; } = "";

    /// <summary>Whole minutes from the report to the adviser's first reply; null when no one replied.</summary>
    public int? FirstReplyMinutes { get; set; }
}
