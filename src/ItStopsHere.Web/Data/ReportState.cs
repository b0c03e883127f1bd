namespace ItStopsHere.Web.Data;

/// <summary>A case's state: new → assigned → in progress → closed; reopened (in progress) when the reporter writes again.</summary>
public enum ReportState
{
    New = 0,
    Assigned = 1,
    InProgress = 2,
    Closed = 3,
}
