namespace ItStopsHere.Web.Reporting;

/// <summary>One answer a reporter can pick: the code stored, and the words shown.</summary>
public sealed record ReportChoice(string Code, string Label, string? Hint = null);
