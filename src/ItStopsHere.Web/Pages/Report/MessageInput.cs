namespace ItStopsHere.Web.Pages.Report;

/// <summary>A message written at <c>/report/follow-up</c> or on a case page.</summary>
public sealed class MessageInput
{
    public const int MaxLength = 10_000;

    public string? Text { get; set; }
}
