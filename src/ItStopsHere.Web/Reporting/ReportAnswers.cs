namespace ItStopsHere.Web.Reporting;

/// <summary>
/// Everything a person gave in their report. Stored only encrypted, as JSON, in <c>Report.Payload</c>
/// (the categories and place are also kept readable, as codes, for statistics).
/// </summary>
public sealed record ReportAnswers
{
    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? OtherCategory { get; init; }

    public string When { get; init; } = "";

    /// <summary>The date given, as typed (e.g. 14/11/2026), when <see cref="When"/> is <c>date</c>.</summary>
    public string? Date { get; init; }

    public string Place { get; init; } = "";

    public IReadOnlyList<string> Relationships { get; init; } = [];

    public string? WhoDetails { get; init; }

    public string? Story { get; init; }

    public IReadOnlyList<string> Wishes { get; init; } = [];

    /// <summary><c>yes</c> or <c>no</c> (no, or not sure).</summary>
    public string SafeNow { get; init; } = "";

    public string? Name { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? PreferredContact { get; init; }
}
