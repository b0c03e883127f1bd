namespace ItStopsHere.Web.Data;

/// <summary>How the person chose to report: without their name (a code brings them back) or by name.</summary>
public enum ReportRoute
{
    Anonymous = 0,
    Named = 1,
}
