namespace ItStopsHere.Web.Reporting;

/// <summary>Settings under <c>Reporting</c> (README, "Reporting").</summary>
public sealed class ReportingOptions
{
    public const string Section = "Reporting";

    /// <summary>Off by default: in Production it needs a key-encryption key (<see cref="KeyFile"/> or <see cref="Key"/>).</summary>
    public bool Enabled { get; set; }

    /// <summary>A file holding the 32-byte key-encryption key (raw, or base64 text). Never inside the database or its backups.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The key-encryption key as base64, e.g. a secret file <c>Reporting__Key</c> (see <c>SecretFiles</c>).</summary>
    public string? Key { get; set; }

    /// <summary>Reports made in an hour from one client address before it must wait.</summary>
    public int ReportsPerHourPerClient { get; set; } = 5;

    /// <summary>Wrong access codes from one client (or for one code) before each further try must wait.</summary>
    public int WrongCodesBeforeDelay { get; set; } = 5;

    /// <summary>Wrong access codes site-wide in an hour before every code check waits: so many machines cannot share out 80 bits.</summary>
    public int WrongCodesPerHourSiteWide { get; set; } = 500;

    /// <summary>How long a reporter stays signed in to their follow-up page without a request (a session cookie only).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Months after closing before an anonymous report is deleted (its key destroyed).</summary>
    public int AnonymousRetentionMonthsAfterClose { get; set; } = 12;

    /// <summary>Months after closing before a named report is deleted; set it to the university's policy.</summary>
    public int NamedRetentionMonthsAfterClose { get; set; } = 12;

    /// <summary>
    /// Publish a yearly summary at <c>/report/summary</c> (numbers below 5 shown as "fewer than 5", the rest
    /// rounded to 5). Off by default: publishing figures is the university's decision, and in a first year
    /// nearly every number would be "fewer than 5".
    /// </summary>
    public bool PublicSummary { get; set; }

    /// <summary>
    /// How long reports are kept, in words, for the report page and the privacy notice (the same numbers the
    /// retention run deletes by, so the two cannot drift).
    /// </summary>
    public string RetentionStatement() =>
        AnonymousRetentionMonthsAfterClose == NamedRetentionMonthsAfterClose
            ? $"A report is deleted {Months(AnonymousRetentionMonthsAfterClose)} after its case is closed, whether it was made anonymously or by name."
            : $"An anonymous report is deleted {Months(AnonymousRetentionMonthsAfterClose)} after its case is closed, and a report made by name {Months(NamedRetentionMonthsAfterClose)} after.";

    private static string Months(int months) => months == 1 ? "1 month" : $"{months} months";
}
