namespace ItStopsHere.Web.Reporting;

/// <summary>A report just made: its id, and the access code (anonymous) to show once; never stored in clear.</summary>
public sealed record NewReport(Guid Id, string? AccessCode);
