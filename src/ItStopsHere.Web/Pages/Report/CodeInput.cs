namespace ItStopsHere.Web.Pages.Report;

/// <summary>The access code, as typed at <c>/report/follow-up</c>.</summary>
public sealed class CodeInput
{
    public string? Code { get; set; }
}
