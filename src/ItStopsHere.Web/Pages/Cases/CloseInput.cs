namespace ItStopsHere.Web.Pages.Cases;

public sealed class CloseInput
{
    public const int MaxLength = 2_000;

    public string? Outcome { get; set; }
}
