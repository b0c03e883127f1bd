using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Pages.Report;

/// <summary>The two routes as they appear in addresses (<c>?route=anonymous</c>, <c>?route=named</c>).</summary>
public static class ReportRoutes
{
    public const string Anonymous = "anonymous";
    public const string Named = "named";

    public static ReportRoute? Parse(string? value) => value switch
    {
        Anonymous => ReportRoute.Anonymous,
        Named => ReportRoute.Named,
        _ => null,
    };
}
