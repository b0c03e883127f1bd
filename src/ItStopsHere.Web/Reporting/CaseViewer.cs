namespace ItStopsHere.Web.Reporting;

/// <summary>Who is asking for a case: the staff member's id and which case roles they hold.</summary>
public sealed record CaseViewer(string UserId, bool IsCaseManager, bool IsAdviser);
