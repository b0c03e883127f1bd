namespace ItStopsHere.Web.Pages.Cases;

public sealed class AssignInput
{
    public string? AdviserId { get; set; }
}
