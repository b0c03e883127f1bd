namespace ItStopsHere.Web.Pages.Report;

/// <summary>The first question: are you safe now?</summary>
public sealed class SafetyInput
{
    public string? SafeNow { get; set; }
}
