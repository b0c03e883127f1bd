using System.Security.Claims;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Reporting;

namespace ItStopsHere.Web.Pages.Cases;

/// <summary>The signed-in staff member as the case desk sees them.</summary>
public static class CaseViewers
{
    public static CaseViewer Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new CaseViewer(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            user.IsInRole(StaffRoles.CaseManager),
            user.IsInRole(StaffRoles.Adviser));
    }

    /// <summary>"3 days", "5 hours": how old something is, for the queue.</summary>
    public static string Age(DateTimeOffset since, DateTimeOffset now)
    {
        var age = now - since;
        return age.TotalDays >= 2 ? $"{(int)age.TotalDays} days"
            : age.TotalHours >= 2 ? $"{(int)age.TotalHours} hours"
            : age.TotalMinutes >= 2 ? $"{(int)age.TotalMinutes} minutes"
            : "just now";
    }

    public static string Describe(ReportState state) => state switch
    {
        ReportState.New => "New",
        ReportState.Assigned => "Assigned",
        ReportState.InProgress => "In progress",
        ReportState.Closed => "Closed",
        _ => state.ToString(),
    };
}
